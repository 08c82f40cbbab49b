import GRDB

extension IntakeMigrations {
    /// The ticket attachments' table (the files themselves are in the `attachments/` folder).
    static func registerAttachments(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake.attachments") { db in
            try db.execute(
                sql: """
                    CREATE TABLE ticketAttachment (
                        id TEXT PRIMARY KEY,
                        ticketID TEXT NOT NULL REFERENCES ticket(id),
                        fileName TEXT NOT NULL,
                        contentType TEXT NOT NULL,
                        byteCount INTEGER NOT NULL CHECK (byteCount > 0),
                        sha256 TEXT NOT NULL,
                        source TEXT NOT NULL CHECK (source IN ('email', 'upload')),
                        addedBy TEXT,
                        addedAt DATETIME NOT NULL
                    );
                    CREATE INDEX ticketAttachment_ticket ON ticketAttachment(ticketID, addedAt);
                    """)
        }
    }
}
