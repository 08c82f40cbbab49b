import GRDB

extension IntakeMigrations {
    /// A ticket's whole life (issue 12): a `cancelled` state, a version for optimistic
    /// concurrency, the contact on site, the operator in charge and why it was cancelled.
    ///
    /// SQLite cannot loosen a CHECK constraint in place, so the table is rebuilt from its own
    /// current definition (columns added by earlier migrations stay, whoever added them) with the
    /// one constraint widened; GRDB turns foreign keys off during a migration and checks them all
    /// before it commits.
    static func registerTicketLifecycle(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake.ticket-lifecycle") { db in
            let narrow = "CHECK (state IN ('open', 'closed'))"
            guard
                let definition = try String.fetchOne(
                    db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'ticket'"),
                definition.contains(narrow), definition.hasPrefix("CREATE TABLE ticket ")
            else { throw DatabaseError(message: "intake.ticket-lifecycle: the ticket table is not the expected one") }
            // Indexes and triggers go with the dropped table: recreate them as they were.
            let indexes = try String.fetchAll(
                db,
                sql: """
                    SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = 'ticket' AND sql IS NOT NULL
                    """)
            let widened =
                "CREATE TABLE ticket_rebuilt "
                + definition.dropFirst("CREATE TABLE ticket ".count)
                .replacingOccurrences(of: narrow, with: "CHECK (state IN ('open', 'closed', 'cancelled'))")
            try db.execute(sql: widened)
            try db.execute(sql: "INSERT INTO ticket_rebuilt SELECT * FROM ticket")
            try db.execute(sql: "DROP TABLE ticket")
            try db.execute(sql: "ALTER TABLE ticket_rebuilt RENAME TO ticket")
            for index in indexes { try db.execute(sql: index) }
            try db.execute(
                sql: """
                    ALTER TABLE ticket ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
                    ALTER TABLE ticket ADD COLUMN contact TEXT;
                    ALTER TABLE ticket ADD COLUMN assignedOperatorID TEXT REFERENCES operator(id);
                    ALTER TABLE ticket ADD COLUMN cancelledAt DATETIME;
                    ALTER TABLE ticket ADD COLUMN cancelReason TEXT;
                    CREATE INDEX ticket_group ON ticket(assignedGroup, state);
                    CREATE INDEX ticket_operator ON ticket(assignedOperatorID, state);
                    -- R11: the back-office group a type's new tickets go to (none: the configured default).
                    ALTER TABLE activityType ADD COLUMN backOfficeGroup TEXT;
                    """)
        }
    }
}
