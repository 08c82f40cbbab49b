import GRDB

/// The tables every service has: the transactional outbox and the idempotent-consumer inbox,
/// ended sessions and the API keys it accepts.
/// Append-only: a change is a new migration, never an edit of a shipped one.
enum KitMigrations {
    /// Registers the kit's migrations, before the service's own.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("kit.v1.outbox-inbox") { db in
            // Raw SQL stays in every migration: DDL, shipped as written and never edited.
            try db.execute(
                sql: """
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
            // Raw SQL stays: DDL of a shipped migration.
            try db.execute(
                sql: """
                    CREATE TABLE endedSession (
                        sessionID TEXT PRIMARY KEY,
                        expiresAt DATETIME NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("kit.v3.api-keys") { db in
            // API keys this service accepts (setup.api-key.v1; intake writes its own) and their
            // last use per service (api-key.used.v1). Only the SHA-256 of a key is ever stored.
            // Raw SQL stays: DDL of a shipped migration.
            try db.execute(
                sql: """
                    CREATE TABLE apiKeyGrant (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        keyHash TEXT NOT NULL,
                        permissions TEXT NOT NULL,
                        services TEXT NOT NULL,
                        expiresAt DATETIME,
                        requestsPerMinute INTEGER,
                        active BOOLEAN NOT NULL
                    );
                    CREATE INDEX apiKeyGrant_keyHash ON apiKeyGrant(keyHash);
                    CREATE TABLE apiKeyUse (
                        keyID TEXT NOT NULL,
                        service TEXT NOT NULL,
                        lastUsedAt DATETIME NOT NULL,
                        PRIMARY KEY (keyID, service)
                    );
                    """)
        }
    }
}
