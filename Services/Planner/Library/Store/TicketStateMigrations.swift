import GRDB

/// The activity states the board can colour by (R3) and the practice of each activity type
/// (R4, so the board shows a user their own practices' work). Append-only.
enum TicketStateMigrations {
    /// Adds `planner.ticket-states` to `migrator`.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("planner.ticket-states") { db in
            try db.execute(
                sql: """
                    CREATE TABLE activityState (
                        id TEXT PRIMARY KEY,
                        code TEXT NOT NULL,
                        name TEXT NOT NULL,
                        colour TEXT NOT NULL,
                        isFinal BOOLEAN NOT NULL,
                        position INTEGER NOT NULL,
                        active BOOLEAN NOT NULL
                    );
                    ALTER TABLE queueEntry ADD COLUMN stateID TEXT;
                    ALTER TABLE activityType ADD COLUMN practiceID TEXT;
                    """)
        }
    }
}
