import GRDB

/// The queue of calls to schedule at scale (issue 15): each call keeps its ticket's due date,
/// the practices' names (R4) label the practice filter, and the queue has the indexes its
/// default order, its filters and its counts per filter value read, so a page of the board or of `GET /api/queue` costs the same with thirty calls
/// waiting as with thirty thousand. Append-only, like every migration.
enum QueueMigrations {
    /// Sort key of the queue's default order (urgency): the due date, calls without one after
    /// every dated call. The text compares after any stored date ("yyyy-MM-dd HH:mm:ss.SSS").
    /// Queries must spell the expression exactly like the index, or SQLite cannot use it.
    static let urgencyKey = "IFNULL(dueAt, '9999-12-31')"

    /// Registers `planner.queue-filters`; must come after `planner.v1` and `planner.ticket-states`.
    /// The zone and activity type indexes serve both their counts (GROUP BY on the prefix) and
    /// a page filtered by one zone or type (walked in urgency order without sorting).
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("planner.queue-filters") { db in
            try db.execute(
                sql: """
                    ALTER TABLE queueEntry ADD COLUMN dueAt DATETIME;
                    CREATE INDEX queueEntry_urgency ON queueEntry(state, \(urgencyKey), openedAt, ticketID);
                    CREATE INDEX queueEntry_zone ON queueEntry(state, siteZone, \(urgencyKey), openedAt, ticketID);
                    CREATE INDEX queueEntry_activityType ON queueEntry(state, activityTypeID, \(urgencyKey), openedAt, ticketID);
                    CREATE INDEX queueEntry_activityState ON queueEntry(state, stateID);
                    CREATE INDEX queueEntry_customer ON queueEntry(state, customerID);
                    CREATE INDEX activityType_practice ON activityType(practiceID);
                    CREATE TABLE practice (
                        id TEXT PRIMARY KEY,
                        code TEXT NOT NULL,
                        name TEXT NOT NULL,
                        active BOOLEAN NOT NULL
                    );
                    """)
        }
    }
}
