import GRDB

/// Intake's schema. Append-only: a change is a new migration, never an edit of a shipped one.
enum IntakeMigrations {
    /// Registers intake's migrations in the order they shipped.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake.v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE activityType (
                        id TEXT PRIMARY KEY,
                        code TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        macroType TEXT NOT NULL CHECK (macroType IN ('call', 'appointment', 'task')),
                        expectedDurationMinutes INTEGER NOT NULL CHECK (expectedDurationMinutes > 0),
                        billable BOOLEAN NOT NULL,
                        colour TEXT NOT NULL,
                        numberingPrefix TEXT NOT NULL,
                        active BOOLEAN NOT NULL DEFAULT 1
                    );
                    CREATE TABLE operator (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        email TEXT,
                        groups TEXT NOT NULL,
                        active BOOLEAN NOT NULL DEFAULT 1
                    );
                    CREATE TABLE customer (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        email TEXT
                    );
                    CREATE INDEX customer_email ON customer(email COLLATE NOCASE);
                    CREATE TABLE numberingSequence (
                        prefix TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        lastCounter INTEGER NOT NULL,
                        PRIMARY KEY (prefix, year)
                    );
                    CREATE TABLE ticket (
                        id TEXT PRIMARY KEY,
                        number TEXT NOT NULL UNIQUE,
                        activityTypeID TEXT NOT NULL REFERENCES activityType(id),
                        customerID TEXT NOT NULL REFERENCES customer(id),
                        siteZone TEXT,
                        description TEXT NOT NULL,
                        channel TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
                        openedAt DATETIME NOT NULL,
                        closedAt DATETIME,
                        reportID TEXT,
                        workedMinutes INTEGER,
                        idempotencyKey TEXT UNIQUE
                    );
                    CREATE INDEX ticket_state ON ticket(state, openedAt);
                    """)
        }
        registerSetupAndLogin(in: &migrator)
        registerFollowUpAnchor(in: &migrator)
        registerAttachments(in: &migrator)
        registerTicketLifecycle(in: &migrator)
        registerAPIKeyLimits(in: &migrator)
        registerCustomerBillingData(in: &migrator)
        registerMailingLists(in: &migrator)
        registerTicketSearch(in: &migrator)
        registerCustomerLanguage(in: &migrator)
        registerTicketSearchOwners(in: &migrator)
        registerCustomerLookupOrder(in: &migrator)
    }
}
