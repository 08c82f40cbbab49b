import GRDB

/// Web-report's schema. Append-only: a change is a new migration, never an edit of a shipped one.
enum WebReportMigrations {
    /// Registers every web-report migration in order, the appended ones last.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("webreport.v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE todoItem (
                        appointmentID TEXT PRIMARY KEY,
                        ticketID TEXT,
                        ticketNumber TEXT,
                        operatorID TEXT NOT NULL,
                        operatorName TEXT NOT NULL,
                        title TEXT NOT NULL,
                        customerID TEXT,
                        customerName TEXT,
                        start DATETIME NOT NULL,
                        "end" DATETIME NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
                        updatedAt DATETIME NOT NULL
                    );
                    CREATE INDEX todoItem_operator ON todoItem(operatorID, status, start);
                    CREATE TABLE interventionReport (
                        id TEXT PRIMARY KEY,
                        appointmentID TEXT NOT NULL UNIQUE REFERENCES todoItem(appointmentID),
                        ticketID TEXT,
                        operatorID TEXT NOT NULL,
                        workDone TEXT NOT NULL,
                        workedMinutes INTEGER NOT NULL CHECK (workedMinutes BETWEEN 1 AND 1440),
                        closedAt DATETIME NOT NULL
                    );
                    CREATE TABLE reportMaterial (
                        reportID TEXT NOT NULL REFERENCES interventionReport(id),
                        position INTEGER NOT NULL,
                        articleCode TEXT NOT NULL,
                        description TEXT NOT NULL,
                        quantity REAL NOT NULL CHECK (quantity > 0),
                        PRIMARY KEY (reportID, position)
                    );
                    """)
        }
        migrator.registerMigration("webreport.v2-technician-app") { db in
            try db.execute(
                sql: """
                    ALTER TABLE interventionReport ADD COLUMN outcome TEXT NOT NULL DEFAULT 'completed'
                        CHECK (outcome IN ('completed', 'another-visit-needed'));
                    ALTER TABLE interventionReport ADD COLUMN visitNote TEXT;
                    ALTER TABLE interventionReport ADD COLUMN travelMinutes INTEGER NOT NULL DEFAULT 0 CHECK (travelMinutes >= 0);
                    ALTER TABLE interventionReport ADD COLUMN signedBy TEXT;
                    ALTER TABLE interventionReport ADD COLUMN idempotencyKey TEXT;
                    CREATE UNIQUE INDEX interventionReport_idempotency ON interventionReport(idempotencyKey)
                        WHERE idempotencyKey IS NOT NULL;
                    CREATE TABLE reportSession (
                        reportID TEXT NOT NULL REFERENCES interventionReport(id),
                        position INTEGER NOT NULL,
                        start DATETIME NOT NULL,
                        "end" DATETIME NOT NULL,
                        travelMinutes INTEGER NOT NULL CHECK (travelMinutes >= 0),
                        CHECK ("end" > start),
                        PRIMARY KEY (reportID, position)
                    );
                    CREATE TABLE ticketInfo (
                        ticketID TEXT PRIMARY KEY,
                        number TEXT NOT NULL,
                        activityTypeID TEXT NOT NULL,
                        activityTypeName TEXT NOT NULL,
                        customerID TEXT NOT NULL,
                        customerName TEXT NOT NULL,
                        siteZone TEXT,
                        description TEXT NOT NULL,
                        openedAt DATETIME NOT NULL,
                        macroType TEXT,
                        dueAt DATETIME,
                        operatorInChargeID TEXT,
                        state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'cancelled'))
                    );
                    CREATE INDEX ticketInfo_deadlines ON ticketInfo(operatorInChargeID, state, dueAt);
                    CREATE TABLE ticketHistory (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        ticketID TEXT NOT NULL,
                        at DATETIME NOT NULL,
                        kind TEXT NOT NULL,
                        detail TEXT NOT NULL
                    );
                    CREATE INDEX ticketHistory_ticket ON ticketHistory(ticketID, at);
                    CREATE TABLE activityTypeInfo (
                        id TEXT PRIMARY KEY,
                        code TEXT NOT NULL,
                        name TEXT NOT NULL,
                        colour TEXT NOT NULL,
                        layout TEXT NOT NULL,
                        billingArticles TEXT NOT NULL
                    );
                    CREATE TABLE customerInfo (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        phone TEXT,
                        email TEXT,
                        sites TEXT NOT NULL
                    );
                    CREATE TABLE article (
                        code TEXT PRIMARY KEY,
                        description TEXT NOT NULL,
                        descriptionEN TEXT,
                        unit TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        active BOOLEAN NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("webreport.v3-signature") { db in
            try db.execute(
                sql: """
                    CREATE TABLE reportSignature (
                        reportID TEXT PRIMARY KEY REFERENCES interventionReport(id),
                        png BLOB NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("webreport.v4-calendar-feed") { db in
            try db.execute(
                sql: """
                    CREATE TABLE calendarFeed (
                        operatorID TEXT PRIMARY KEY,
                        token TEXT NOT NULL UNIQUE,
                        createdAt DATETIME NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("webreport.v5-photos") { db in
            try db.execute(
                sql: """
                    CREATE TABLE appointmentPhoto (
                        id TEXT PRIMARY KEY,
                        appointmentID TEXT NOT NULL REFERENCES todoItem(appointmentID),
                        contentType TEXT NOT NULL CHECK (contentType IN ('image/jpeg', 'image/png')),
                        bytes BLOB NOT NULL,
                        uploadedAt DATETIME NOT NULL
                    );
                    CREATE INDEX appointmentPhoto_appointment ON appointmentPhoto(appointmentID, uploadedAt);
                    """)
        }
        migrator.registerMigration("webreport.v6-production-orders") { db in
            try db.execute(
                sql: """
                    CREATE TABLE productionOrderComponent (
                        productionOrderID TEXT NOT NULL,
                        ticketID TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        articleCode TEXT NOT NULL,
                        description TEXT NOT NULL,
                        quantity REAL NOT NULL CHECK (quantity > 0),
                        PRIMARY KEY (productionOrderID, position)
                    );
                    CREATE INDEX productionOrderComponent_ticket ON productionOrderComponent(ticketID);
                    """)
        }
        migrator.registerMigration("webreport.v7-ticket-custom-fields") { db in
            try db.execute(sql: "ALTER TABLE ticketInfo ADD COLUMN customFields TEXT")
        }
        registerTicketFiles(in: &migrator)
        WebReportStore.registerCustomerReportLink(in: &migrator)
    }
}
