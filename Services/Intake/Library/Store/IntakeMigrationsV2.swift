import GRDB

/// The CRM setup (R1–R5), login (R17), the other intake channels (R10) and follow-up deadlines.
/// Appended to `intake.v1`; never edited once shipped.
extension IntakeMigrations {
    /// Registers `intake.v2`.
    static func registerSetupAndLogin(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake.v2") { db in
            try db.execute(
                sql: """
                    -- R4: sectors that group activity types.
                    CREATE TABLE practice (
                        id TEXT PRIMARY KEY,
                        code TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        active BOOLEAN NOT NULL DEFAULT 1
                    );
                    -- R3: states of an activity, with colour, final flag and sort order.
                    CREATE TABLE activityState (
                        id TEXT PRIMARY KEY,
                        code TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        colour TEXT NOT NULL,
                        isFinal BOOLEAN NOT NULL DEFAULT 0,
                        position INTEGER NOT NULL DEFAULT 0,
                        active BOOLEAN NOT NULL DEFAULT 1
                    );
                    -- R2: named groups; membership is operator.groups (names), kept in step by the store.
                    CREATE TABLE operatorGroup (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        active BOOLEAN NOT NULL DEFAULT 1
                    );
                    -- Numbering sequences: format with {year} and {counter}; counters live in numberingSequence.
                    CREATE TABLE sequenceDefinition (
                        prefix TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        padding INTEGER NOT NULL DEFAULT 6 CHECK (padding BETWEEN 1 AND 12),
                        active BOOLEAN NOT NULL DEFAULT 1
                    );
                    -- R5: the three palettes of an activity type.
                    ALTER TABLE activityType ADD COLUMN practiceID TEXT REFERENCES practice(id);
                    ALTER TABLE activityType ADD COLUMN notifyAssignee BOOLEAN NOT NULL DEFAULT 0;
                    ALTER TABLE activityType ADD COLUMN layout TEXT NOT NULL DEFAULT '[]';
                    ALTER TABLE activityType ADD COLUMN registrationType TEXT NOT NULL DEFAULT 'billable';
                    ALTER TABLE activityType ADD COLUMN billingArticles TEXT NOT NULL DEFAULT '[]';
                    ALTER TABLE activityType ADD COLUMN productionOrder TEXT;
                    ALTER TABLE activityType ADD COLUMN followUpRules TEXT NOT NULL DEFAULT '[]';
                    -- Customers and their sites, each site in a zone.
                    ALTER TABLE customer ADD COLUMN phone TEXT;
                    ALTER TABLE customer ADD COLUMN active BOOLEAN NOT NULL DEFAULT 1;
                    CREATE TABLE site (
                        id TEXT PRIMARY KEY,
                        customerID TEXT NOT NULL REFERENCES customer(id),
                        name TEXT NOT NULL,
                        address TEXT NOT NULL DEFAULT '',
                        zone TEXT NOT NULL,
                        active BOOLEAN NOT NULL DEFAULT 1
                    );
                    CREATE INDEX site_customer ON site(customerID);
                    -- A ticket is a deadline: its state, site, due date, custom fields, assignee group and origin.
                    ALTER TABLE ticket ADD COLUMN stateID TEXT REFERENCES activityState(id);
                    ALTER TABLE ticket ADD COLUMN siteID TEXT REFERENCES site(id);
                    ALTER TABLE ticket ADD COLUMN dueAt DATETIME;
                    ALTER TABLE ticket ADD COLUMN customFields TEXT NOT NULL DEFAULT '{}';
                    ALTER TABLE ticket ADD COLUMN assignedGroup TEXT;
                    ALTER TABLE ticket ADD COLUMN createdByUserID TEXT;
                    ALTER TABLE ticket ADD COLUMN followUpOf TEXT REFERENCES ticket(id);
                    CREATE INDEX ticket_customer ON ticket(customerID);
                    CREATE INDEX ticket_type ON ticket(activityTypeID);
                    -- What happened to a ticket, in order: the events it published and received.
                    CREATE TABLE ticketHistory (
                        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                        ticketID TEXT NOT NULL REFERENCES ticket(id),
                        occurredAt DATETIME NOT NULL,
                        eventType TEXT NOT NULL,
                        summary TEXT NOT NULL
                    );
                    CREATE INDEX ticketHistory_ticket ON ticketHistory(ticketID, sequence);
                    -- Follow-ups: one row per fired trigger, so a redelivered event creates nothing twice.
                    CREATE TABLE followUpIssued (
                        triggerKey TEXT PRIMARY KEY,
                        sourceTicketID TEXT NOT NULL REFERENCES ticket(id),
                        followUpTicketID TEXT REFERENCES ticket(id),
                        issuedAt DATETIME NOT NULL
                    );
                    -- R1, R17: web users linked to an operator, with permissions and practices.
                    CREATE TABLE user (
                        id TEXT PRIMARY KEY,
                        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
                        operatorID TEXT REFERENCES operator(id),
                        passwordHash TEXT,
                        permissions TEXT NOT NULL DEFAULT '[]',
                        practiceIDs TEXT NOT NULL DEFAULT '[]',
                        language TEXT,
                        active BOOLEAN NOT NULL DEFAULT 1
                    );
                    CREATE TABLE session (
                        id TEXT PRIMARY KEY,
                        userID TEXT NOT NULL REFERENCES user(id),
                        createdAt DATETIME NOT NULL,
                        expiresAt DATETIME NOT NULL,
                        endedAt DATETIME
                    );
                    CREATE TABLE loginAttempt (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        username TEXT NOT NULL COLLATE NOCASE,
                        remoteAddress TEXT,
                        attemptedAt DATETIME NOT NULL,
                        succeeded BOOLEAN NOT NULL
                    );
                    CREATE INDEX loginAttempt_username ON loginAttempt(username, attemptedAt);
                    -- API keys for call-centre systems: only a SHA-256 of the secret is stored.
                    CREATE TABLE apiKey (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        keyHash TEXT NOT NULL UNIQUE,
                        permissions TEXT NOT NULL DEFAULT '[]',
                        createdAt DATETIME NOT NULL,
                        revokedAt DATETIME
                    );
                    -- Email channel: one row per maildir message, so each is processed once.
                    CREATE TABLE mailMessage (
                        messageKey TEXT PRIMARY KEY,
                        receivedAt DATETIME NOT NULL,
                        sender TEXT,
                        outcome TEXT NOT NULL,
                        ticketID TEXT REFERENCES ticket(id)
                    );
                    """)
        }
    }
}
