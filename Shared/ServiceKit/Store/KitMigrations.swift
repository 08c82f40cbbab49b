import GRDB

/// The tables every service has: the transactional outbox and the idempotent-consumer inbox.
/// Append-only: a change is a new migration, never an edit of a shipped one.
enum KitMigrations {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("kit.v1.outbox-inbox") { db in
            try db.execute(sql: """
                CREATE TABLE outbox (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    eventID TEXT NOT NULL UNIQUE,
                    eventType TEXT NOT NULL,
                    topic TEXT NOT NULL,
                    messageKey TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    createdAt DATETIME NOT NULL,
                    sentAt DATETIME
                );
                CREATE INDEX outbox_unsent ON outbox(sequence) WHERE sentAt IS NULL;
                CREATE TABLE inbox (
                    eventID TEXT PRIMARY KEY,
                    eventType TEXT NOT NULL,
                    topic TEXT NOT NULL,
                    partition INTEGER NOT NULL,
                    "offset" INTEGER NOT NULL,
                    processedAt DATETIME NOT NULL
                );
                """)
        }
        migrator.registerMigration("kit.v2.ended-sessions") { db in
            // Sessions intake ended before their expiry (session.ended.v1): refused here too.
            try db.execute(sql: """
                CREATE TABLE endedSession (
                    sessionID TEXT PRIMARY KEY,
                    expiresAt DATETIME NOT NULL
                );
                """)
        }
    }
}
