import GRDB

/// Notification's schema. Append-only: a change is a new migration, never an edit of a shipped one.
enum NotificationMigrations {
    /// Adds every notification migration to `migrator`, in the order they shipped.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("notification.v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE emailJob (
                        id TEXT PRIMARY KEY,
                        eventID TEXT NOT NULL,
                        eventType TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        recipient TEXT NOT NULL,
                        recipientName TEXT NOT NULL,
                        facts TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
                        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                        nextAttemptAt DATETIME,
                        lastError TEXT,
                        subject TEXT,
                        body TEXT,
                        createdAt DATETIME NOT NULL,
                        sentAt DATETIME,
                        UNIQUE (eventID, recipient)
                    );
                    CREATE INDEX emailJob_due ON emailJob(nextAttemptAt) WHERE status = 'queued';
                    CREATE INDEX emailJob_created ON emailJob(createdAt);
                    CREATE TABLE appointmentCopy (
                        appointmentID TEXT PRIMARY KEY,
                        operatorName TEXT NOT NULL,
                        updatedAt DATETIME NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("notification.v2-html") { db in
            try db.execute(sql: "ALTER TABLE emailJob ADD COLUMN html TEXT")
        }
        migrator.registerMigration("notification.v3-recipients") { db in
            try db.execute(
                sql: """
                    ALTER TABLE emailJob ADD COLUMN recipientRole TEXT NOT NULL DEFAULT 'customer';
                    CREATE TABLE mailingList (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        addresses TEXT NOT NULL,
                        practiceIDs TEXT NOT NULL,
                        activityTypeIDs TEXT NOT NULL,
                        events TEXT NOT NULL,
                        active BOOLEAN NOT NULL
                    );
                    CREATE TABLE operatorCopy (
                        operatorID TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        email TEXT,
                        active BOOLEAN NOT NULL
                    );
                    CREATE TABLE activityTypeCopy (
                        activityTypeID TEXT PRIMARY KEY,
                        practiceID TEXT,
                        notifyAssignee BOOLEAN NOT NULL
                    );
                    CREATE TABLE ticketCopy (
                        ticketID TEXT PRIMARY KEY,
                        number TEXT NOT NULL,
                        activityTypeID TEXT NOT NULL,
                        customerID TEXT NOT NULL,
                        customerName TEXT NOT NULL,
                        customerEmail TEXT,
                        operatorInChargeID TEXT
                    );
                    """)
        }
        migrator.registerMigration("notification.v4-calendar") { db in
            try db.execute(sql: "ALTER TABLE appointmentCopy ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("notification.v5-template-overrides") { db in
            try db.execute(
                sql: """
                    CREATE TABLE templateOverride (
                        activityTypeID TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        text TEXT NOT NULL,
                        updatedAt DATETIME NOT NULL,
                        PRIMARY KEY (activityTypeID, kind)
                    );
                    """)
        }
        migrator.registerMigration("notification.v6-activity-type-name") { db in
            try db.execute(sql: "ALTER TABLE activityTypeCopy ADD COLUMN name TEXT NOT NULL DEFAULT ''")
        }
        migrator.registerMigration("notification.v7-report-documents") { db in
            try db.execute(
                sql: """
                    CREATE TABLE reportDocument (
                        reportID TEXT PRIMARY KEY,
                        appointmentID TEXT NOT NULL,
                        ticketID TEXT,
                        fileName TEXT NOT NULL,
                        pdf BLOB NOT NULL,
                        photosIncluded BOOLEAN NOT NULL,
                        issuedAt DATETIME NOT NULL,
                        receivedAt DATETIME NOT NULL
                    );
                    CREATE INDEX reportDocument_received ON reportDocument(receivedAt);
                    """)
        }
        migrator.registerMigration("notification.v8-outbox-paging") { db in
            try db.execute(sql: "CREATE INDEX emailJob_created_id ON emailJob(createdAt, id)")
        }
        migrator.registerMigration("notification.v9-html-overrides") { db in
            try db.execute(sql: "ALTER TABLE templateOverride ADD COLUMN html TEXT")
        }
        migrator.registerMigration("notification.v10-customer-language") { db in
            try db.execute(
                sql: """
                    CREATE TABLE customerCopy (
                        customerID TEXT PRIMARY KEY,
                        language TEXT
                    );
                    """)
        }
        migrator.registerMigration("notification.v11-recipient-rules") { db in
            try db.execute(
                sql: """
                    CREATE TABLE recipientRule (
                        activityTypeID TEXT NOT NULL,
                        trigger TEXT NOT NULL,
                        roles TEXT NOT NULL,
                        updatedAt DATETIME NOT NULL,
                        PRIMARY KEY (activityTypeID, trigger)
                    );
                    """)
        }
        migrator.registerMigration("notification.v12-site-contacts") { db in
            try db.execute(
                sql: """
                    ALTER TABLE ticketCopy ADD COLUMN siteID TEXT;
                    CREATE TABLE siteCopy (
                        siteID TEXT PRIMARY KEY,
                        customerID TEXT NOT NULL,
                        name TEXT NOT NULL,
                        contactEmail TEXT
                    );
                    """)
        }
        migrator.registerMigration("notification.v13-awaiting-ticket") { db in
            try db.execute(
                sql: """
                    CREATE TABLE awaitingTicket (
                        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                        eventID TEXT NOT NULL UNIQUE,
                        eventType TEXT NOT NULL,
                        ticketID TEXT NOT NULL,
                        reportID TEXT,
                        event BLOB NOT NULL,
                        receivedAt DATETIME NOT NULL,
                        reportedAt DATETIME
                    );
                    CREATE INDEX awaitingTicket_ticket ON awaitingTicket(ticketID, sequence);
                    CREATE INDEX awaitingTicket_received ON awaitingTicket(receivedAt);
                    """)
        }
    }
}
