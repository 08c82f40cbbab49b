import GRDB

/// Covering indexes for the queue's counts once a zone is chosen (issue 15): the type, practice
/// and state counts are grouped over that zone's calls, and `queueEntry_zone` (ordered by urgency)
/// made SQLite read every one of those rows from the table. With the zone followed by the grouped
/// column, each count is a walk of one index slice that never touches the table. Append-only.
enum QueueZoneCountMigrations {
    /// Registers `planner.queue-zone-counts`; after `planner.queue-filters`.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("planner.queue-zone-counts") { db in
            try db.execute(
                sql: """
                    CREATE INDEX queueEntry_zoneType ON queueEntry(state, siteZone, activityTypeID, stateID);
                    CREATE INDEX queueEntry_zoneState ON queueEntry(state, siteZone, stateID, activityTypeID);
                    """)
        }
    }
}
