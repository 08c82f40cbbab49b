import GRDB

/// The planner's schema. Append-only.
enum PlannerMigrations {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("planner.v1") { db in
            try db.execute(sql: """
                CREATE TABLE operator (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    email TEXT,
                    groups TEXT NOT NULL,
                    active BOOLEAN NOT NULL
                );
                CREATE TABLE activityType (
                    id TEXT PRIMARY KEY,
                    code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    macroType TEXT NOT NULL,
                    expectedDurationMinutes INTEGER NOT NULL,
                    billable BOOLEAN NOT NULL,
                    colour TEXT NOT NULL,
                    active BOOLEAN NOT NULL
                );
                CREATE TABLE queueEntry (
                    ticketID TEXT PRIMARY KEY,
                    number TEXT NOT NULL,
                    activityTypeID TEXT NOT NULL,
                    activityTypeName TEXT NOT NULL,
                    expectedDurationMinutes INTEGER NOT NULL,
                    customerID TEXT NOT NULL,
                    customerName TEXT NOT NULL,
                    customerEmail TEXT,
                    siteZone TEXT,
                    description TEXT NOT NULL,
                    openedAt DATETIME NOT NULL,
                    queuedAt DATETIME NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('unscheduled', 'scheduled', 'closed'))
                );
                CREATE INDEX queueEntry_state ON queueEntry(state, openedAt);
                CREATE TABLE appointment (
                    id TEXT PRIMARY KEY,
                    ticketID TEXT REFERENCES queueEntry(ticketID),
                    ticketNumber TEXT,
                    operatorID TEXT NOT NULL,
                    title TEXT NOT NULL,
                    customerID TEXT,
                    customerName TEXT,
                    customerEmail TEXT,
                    start DATETIME NOT NULL,
                    "end" DATETIME NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('scheduled', 'cancelled')),
                    createdAt DATETIME NOT NULL,
                    updatedAt DATETIME NOT NULL,
                    CHECK ("end" > start)
                );
                CREATE INDEX appointment_operator ON appointment(operatorID, start) WHERE state = 'scheduled';
                CREATE UNIQUE INDEX appointment_one_per_ticket ON appointment(ticketID) WHERE state = 'scheduled';
                """)
        }
    }
}
