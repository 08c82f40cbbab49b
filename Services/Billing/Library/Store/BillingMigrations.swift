import GRDB

/// Billing's schema. Append-only: a change is a new migration, never
/// an edit of a shipped one (prices change through a later migration or, later, the setup pages).
enum BillingMigrations {
    /// The articles v1 shipped with (before the catalogue had pages); v2 removes the unused ones.
    static let startingCatalogue: [(code: String, description: String, unit: String, unitPriceCents: Int)] = [
        ("LAB-HOUR", "Labour (per hour)", "h", 4500),
        ("FILTER-01", "Boiler filter", "pc", 1250),
        ("PIPE-22", "Copper pipe 22 mm", "m", 890),
        ("VALVE-3W", "Three-way valve", "pc", 4800),
        ("GASKET-KIT", "Gasket kit", "pc", 650)
    ]

    /// Registers billing's migrations in their order (never reorder, never edit a shipped one).
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("billing.v1") { db in
            try db.execute(
                sql: """
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
            for article in startingCatalogue {
                try db.execute(
                    sql: "INSERT INTO article (code, description, unit, unitPriceCents) VALUES (?, ?, ?, ?)",
                    arguments: [article.code, article.description, article.unit, article.unitPriceCents])
            }
        }
        migrator.registerMigration("billing.v2-catalogue") { db in
            // The catalogue becomes data the billing clerk keeps: VAT, kind, English text and an
            // active flag; the starting articles of v1 go unless a document names them (a
            // demo puts its catalogue in through the API, `scripts/demo.sh`).
            try db.execute(
                sql: """
                    ALTER TABLE article ADD COLUMN descriptionEN TEXT;
                    ALTER TABLE article ADD COLUMN vatRatePercent REAL NOT NULL DEFAULT 22
                        CHECK (vatRatePercent IN (22, 10, 4, 0));
                    ALTER TABLE article ADD COLUMN kind TEXT NOT NULL DEFAULT 'material'
                        CHECK (kind IN ('labour', 'material', 'service', 'finished-product'));
                    ALTER TABLE article ADD COLUMN active BOOLEAN NOT NULL DEFAULT 1;
                    UPDATE article SET kind = 'labour' WHERE code = 'LAB-HOUR';
                    """)
            let codes = startingCatalogue.map(\.code)
            try db.execute(
                sql: """
                    DELETE FROM article WHERE code IN (\(codes.map { _ in "?" }.joined(separator: ", ")))
                    AND code NOT IN (SELECT articleCode FROM billingLine WHERE articleCode IS NOT NULL)
                    """,
                arguments: StatementArguments(codes))
        }
        registerLifecycle(in: &migrator)
        registerProduction(in: &migrator)
        registerListOrder(in: &migrator)
    }
}
