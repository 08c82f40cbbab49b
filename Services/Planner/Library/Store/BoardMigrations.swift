import GRDB

/// The board's change counter (`planner.board.v1`): one row whose `version` goes up with every
/// insert, update or delete of what the board shows. Triggers keep it current inside the very
/// transaction that changed the data, so no write path can forget it; the live-update stream
/// polls this single row, which costs far less than comparing the board's contents.
///
/// Presences are the exception for inserts: generating a year of them for thousands of
/// operators inserts millions of rows, and a trigger per row would slow that by half. New
/// presences show instead in `MAX(presence.id)`, which the board's version token includes
/// (`BoardReader.version`); updates and deletes of presences still bump the counter.
/// Append-only, like every migration.
enum BoardMigrations {
    /// Tables whose every change alters the board.
    static let watchedTables = [
        "appointment", "queueEntry", "operator", "activityType", "workingHours", "holiday", "absence"
    ]

    /// Registers `planner.board.v1`; must come after the migrations that create the watched tables.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("planner.board.v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE boardVersion (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        version INTEGER NOT NULL
                    );
                    INSERT INTO boardVersion (id, version) VALUES (1, 0);
                    """)
            for table in watchedTables {
                try createTriggers(on: table, operations: ["INSERT", "UPDATE", "DELETE"], in: db)
            }
            try createTriggers(on: "presence", operations: ["UPDATE", "DELETE"], in: db)
        }
    }

    /// Triggers that bump the counter after each of `operations` on `table`.
    static func createTriggers(on table: String, operations: [String], in db: Database) throws {
        for operation in operations {
            try db.execute(
                sql: """
                    CREATE TRIGGER board_\(table)_\(operation.lowercased()) AFTER \(operation) ON \(table)
                    BEGIN
                        UPDATE boardVersion SET version = version + 1 WHERE id = 1;
                    END;
                    """)
        }
    }
}
