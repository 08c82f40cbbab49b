import GRDB

/// The planner's schema. Append-only.
enum PlannerMigrations {
    /// Adds the planner's first migrations, in order, to `migrator`.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("planner.v1") { db in
            try db.execute(
                sql: """
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
        // Availability (SPEC R6–R9, issue 4): working hours, operator links, presence rules and
        // the presences they generate, company holidays, absences, generation jobs.
        // Local days are TEXT "yyyy-MM-dd", local times TEXT "HH:mm" (both sort as text);
        // instants are DATETIME in UTC like everywhere else.
        migrator.registerMigration("planner.v2") { db in
            try db.execute(
                sql: """
                    CREATE TABLE workingHours (
                        operatorID TEXT NOT NULL,
                        weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
                        start TEXT NOT NULL,
                        "end" TEXT NOT NULL,
                        PRIMARY KEY (operatorID, weekday, start),
                        CHECK ("end" > start)
                    );
                    CREATE TABLE operatorLink (
                        activityTypeID TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('operator', 'group')),
                        target TEXT NOT NULL,
                        PRIMARY KEY (activityTypeID, kind, target)
                    );
                    CREATE TABLE presenceRule (
                        id TEXT PRIMARY KEY,
                        operatorID TEXT NOT NULL,
                        zone TEXT NOT NULL,
                        frequency TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
                        interval INTEGER NOT NULL CHECK (interval >= 1),
                        weekdays TEXT NOT NULL,
                        dayOfMonth INTEGER CHECK (dayOfMonth BETWEEN 1 AND 31),
                        startTime TEXT NOT NULL,
                        endTime TEXT NOT NULL,
                        validFrom TEXT NOT NULL,
                        validTo TEXT,
                        createdAt DATETIME NOT NULL
                    );
                    CREATE INDEX presenceRule_operator ON presenceRule(operatorID);
                    CREATE TABLE presence (
                        id INTEGER PRIMARY KEY,
                        operatorID TEXT NOT NULL,
                        zone TEXT NOT NULL,
                        start DATETIME NOT NULL,
                        "end" DATETIME NOT NULL,
                        ruleID TEXT,
                        CHECK ("end" > start)
                    );
                    CREATE UNIQUE INDEX presence_unique ON presence(operatorID, start, "end", zone);
                    CREATE INDEX presence_rule ON presence(ruleID);
                    CREATE TABLE holiday (
                        day TEXT PRIMARY KEY,
                        name TEXT NOT NULL
                    );
                    CREATE TABLE absence (
                        id TEXT PRIMARY KEY,
                        operatorID TEXT NOT NULL,
                        start DATETIME NOT NULL,
                        "end" DATETIME NOT NULL,
                        reason TEXT NOT NULL,
                        CHECK ("end" > start)
                    );
                    CREATE INDEX absence_operator ON absence(operatorID, start);
                    CREATE TABLE generationJob (
                        id TEXT PRIMARY KEY,
                        fromDay TEXT NOT NULL,
                        toDay TEXT NOT NULL,
                        operatorIDs TEXT,
                        state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
                        total INTEGER NOT NULL,
                        processed INTEGER NOT NULL,
                        created INTEGER NOT NULL,
                        unchanged INTEGER NOT NULL,
                        message TEXT,
                        createdAt DATETIME NOT NULL,
                        updatedAt DATETIME NOT NULL
                    );
                    """)
        }
        // Another visit (R18): a reported appointment no longer blocks a second one for its ticket.
        migrator.registerMigration("planner.v-another-visit") { db in
            try db.execute(
                sql: """
                    ALTER TABLE queueEntry ADD COLUMN visitNote TEXT;
                    ALTER TABLE appointment ADD COLUMN reportedAt DATETIME;
                    DROP INDEX appointment_one_per_ticket;
                    CREATE UNIQUE INDEX appointment_one_open_per_ticket ON appointment(ticketID)
                        WHERE state = 'scheduled' AND reportedAt IS NULL;
                    """)
        }
    }
}
