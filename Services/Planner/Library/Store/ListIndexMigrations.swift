import GRDB

/// Indexes for the keyset order of the planner's paged lists (issue 15): appointments and
/// absences by start then id, presence rules by operator, creation and id, operators by name. Holidays page on
/// their primary key and presences on `presence_unique` (operator, start). Append-only.
enum ListIndexMigrations {
    /// Registers `planner.list-indexes`; after the migrations that create the tables.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("planner.list-indexes") { db in
            try db.execute(
                sql: """
                    CREATE INDEX appointment_start ON appointment(start, id) WHERE state = 'scheduled';
                    CREATE INDEX absence_start ON absence(start, id);
                    CREATE INDEX presenceRule_order ON presenceRule(operatorID, createdAt, id);
                    CREATE INDEX operator_name ON operator(name, id);
                    """)
        }
    }
}
