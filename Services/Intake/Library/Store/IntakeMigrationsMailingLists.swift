import GRDB

extension IntakeMigrations {
    /// Mailing lists (R14), a setup kind published as `setup.mailing-list.v1`.
    static func registerMailingLists(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake.mailing-lists") { db in
            try db.execute(
                sql: """
                    CREATE TABLE mailingList (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        addresses TEXT NOT NULL,
                        practiceIDs TEXT NOT NULL,
                        activityTypeIDs TEXT NOT NULL,
                        events TEXT NOT NULL,
                        active BOOLEAN NOT NULL
                    );
                    CREATE UNIQUE INDEX mailingList_name ON mailingList(name COLLATE NOCASE);
                    """)
        }
    }
}
