import GRDB

/// Billing's schema and its starting catalogue. Append-only: a change is a new migration, never
/// an edit of a shipped one (prices change through a later migration or, later, the setup pages).
enum BillingMigrations {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("billing.v1") { db in
            try db.execute(sql: """
                CREATE TABLE article (
                    code TEXT PRIMARY KEY,
                    description TEXT NOT NULL,
                    unit TEXT NOT NULL,
                    unitPriceCents INTEGER NOT NULL CHECK (unitPriceCents >= 0)
                );
                CREATE TABLE numberingSequence (
                    prefix TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    lastCounter INTEGER NOT NULL,
                    PRIMARY KEY (prefix, year)
                );
                CREATE TABLE billingDocument (
                    id TEXT PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE,
                    status TEXT NOT NULL CHECK (status IN ('draft')),
                    ticketID TEXT NOT NULL UNIQUE,
                    ticketNumber TEXT NOT NULL,
                    customerID TEXT NOT NULL,
                    customerName TEXT NOT NULL,
                    customerEmail TEXT,
                    activityTypeCode TEXT NOT NULL,
                    reportID TEXT,
                    workedMinutes INTEGER NOT NULL CHECK (workedMinutes >= 0),
                    totalCents INTEGER NOT NULL,
                    closedAt DATETIME NOT NULL,
                    createdAt DATETIME NOT NULL
                );
                CREATE INDEX billingDocument_created ON billingDocument(createdAt);
                CREATE TABLE billingLine (
                    documentID TEXT NOT NULL REFERENCES billingDocument(id),
                    position INTEGER NOT NULL,
                    articleCode TEXT REFERENCES article(code),
                    description TEXT NOT NULL,
                    quantity REAL NOT NULL CHECK (quantity > 0),
                    unitPriceCents INTEGER NOT NULL,
                    amountCents INTEGER NOT NULL,
                    PRIMARY KEY (documentID, position)
                );
                """)
            for article in ArticleRecord.startingCatalogue {
                try article.insert(db)
            }
        }
    }
}
