import GRDB

extension BillingMigrations {
    /// v3: documents are numbered at confirmation (a draft has no number), have a lifecycle
    /// (draft → confirmed → exported), credit notes, VAT per line and totals per rate; every edit
    /// of a line is recorded; billing keeps the activity types and customers it bills with.
    /// SQLite cannot change a CHECK or a NOT NULL, so the two document tables are rebuilt and
    /// their rows copied (v1 drafts keep the number they were given then).
    static func registerLifecycle(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("billing.v3-lifecycle") { db in
            try db.execute(
                sql: """
                    CREATE TABLE billingDocumentV3 (
                        id TEXT PRIMARY KEY,
                        kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit-note')),
                        number TEXT UNIQUE,
                        status TEXT NOT NULL CHECK (status IN ('draft', 'confirmed', 'exported')),
                        ticketID TEXT,
                        ticketNumber TEXT,
                        customerID TEXT NOT NULL,
                        customerName TEXT NOT NULL,
                        customerEmail TEXT,
                        activityTypeCode TEXT,
                        registrationType TEXT NOT NULL,
                        reportID TEXT,
                        workedMinutes INTEGER NOT NULL CHECK (workedMinutes >= 0),
                        travelMinutes INTEGER NOT NULL CHECK (travelMinutes >= 0),
                        creditedDocumentID TEXT,
                        taxableCents INTEGER NOT NULL,
                        vatCents INTEGER NOT NULL,
                        totalCents INTEGER NOT NULL,
                        closedAt DATETIME,
                        createdAt DATETIME NOT NULL,
                        issueDate TEXT,
                        confirmedAt DATETIME,
                        confirmedBy TEXT,
                        exportedAt DATETIME,
                        CHECK (status = 'draft' OR number IS NOT NULL)
                    );
                    INSERT INTO billingDocumentV3 (
                        id, kind, number, status, ticketID, ticketNumber, customerID, customerName, customerEmail,
                        activityTypeCode, registrationType, reportID, workedMinutes, travelMinutes, taxableCents, vatCents,
                        totalCents, closedAt, createdAt)
                    SELECT id, 'invoice', number, status, ticketID, ticketNumber, customerID, customerName, customerEmail,
                        activityTypeCode, 'billable', reportID, workedMinutes, 0, totalCents,
                        CAST(ROUND(totalCents * 0.22) AS INTEGER), totalCents + CAST(ROUND(totalCents * 0.22) AS INTEGER),
                        closedAt, createdAt
                    FROM billingDocument;
                    CREATE TABLE billingLineV3 (
                        documentID TEXT NOT NULL REFERENCES billingDocumentV3(id),
                        position INTEGER NOT NULL,
                        source TEXT NOT NULL CHECK (source IN ('activity-type', 'labour', 'travel', 'material')),
                        articleCode TEXT,
                        description TEXT NOT NULL,
                        unit TEXT NOT NULL,
                        quantity REAL NOT NULL CHECK (quantity > 0),
                        unitPriceCents INTEGER NOT NULL CHECK (unitPriceCents >= 0),
                        discountPercent REAL NOT NULL CHECK (discountPercent BETWEEN 0 AND 100),
                        vatRatePercent REAL NOT NULL CHECK (vatRatePercent IN (22, 10, 4, 0)),
                        needsPrice BOOLEAN NOT NULL,
                        amountCents INTEGER NOT NULL,
                        PRIMARY KEY (documentID, position)
                    );
                    INSERT INTO billingLineV3
                    SELECT documentID, position, CASE WHEN articleCode = 'LAB-HOUR' THEN 'labour' ELSE 'material' END,
                        articleCode, description, '', quantity, unitPriceCents, 0, 22, articleCode IS NULL, amountCents
                    FROM billingLine;
                    DROP TABLE billingLine;
                    DROP TABLE billingDocument;
                    ALTER TABLE billingDocumentV3 RENAME TO billingDocument;
                    ALTER TABLE billingLineV3 RENAME TO billingLine;
                    CREATE UNIQUE INDEX billingDocument_invoiceTicket ON billingDocument(ticketID) WHERE kind = 'invoice';
                    CREATE INDEX billingDocument_created ON billingDocument(createdAt);
                    CREATE INDEX billingDocument_issue ON billingDocument(issueDate);
                    CREATE TABLE billingLineChange (
                        documentID TEXT NOT NULL REFERENCES billingDocument(id),
                        position INTEGER NOT NULL,
                        field TEXT NOT NULL,
                        oldValue TEXT NOT NULL,
                        newValue TEXT NOT NULL,
                        changedBy TEXT NOT NULL,
                        changedAt DATETIME NOT NULL
                    );
                    CREATE INDEX billingLineChange_document ON billingLineChange(documentID);
                    CREATE TABLE activityType (
                        id TEXT PRIMARY KEY,
                        code TEXT NOT NULL,
                        name TEXT NOT NULL,
                        registrationType TEXT NOT NULL,
                        billingArticles TEXT NOT NULL,
                        productionOrder TEXT,
                        active BOOLEAN NOT NULL
                    );
                    CREATE INDEX activityType_code ON activityType(code);
                    CREATE TABLE customer (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        vatNumber TEXT,
                        fiscalCode TEXT,
                        address TEXT
                    );
                    """)
        }
    }
}
