import GRDB

extension IntakeMigrations {
    /// API keys' limits (services, expiry, requests per minute). Append-only.
    static func registerAPIKeyLimits(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake.api-key-limits") { db in
            try db.execute(
                sql: """
                    ALTER TABLE apiKey ADD COLUMN services TEXT NOT NULL DEFAULT '[]';
                    ALTER TABLE apiKey ADD COLUMN expiresAt DATETIME;
                    ALTER TABLE apiKey ADD COLUMN requestsPerMinute INTEGER;
                    """)
        }
    }
}
