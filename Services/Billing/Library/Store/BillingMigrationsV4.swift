import GRDB

extension BillingMigrations {
    /// v4: production — bills of materials, production orders, warehouses (central and one van
    /// per technician), stock movements and expected receipts.
    static func registerProduction(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("billing.v4-production") { db in
            try db.execute(
                sql: """
                    CREATE TABLE bomLine (
                        parentCode TEXT NOT NULL REFERENCES article(code),
                        position INTEGER NOT NULL,
                        componentCode TEXT NOT NULL REFERENCES article(code),
                        quantity REAL NOT NULL CHECK (quantity > 0),
                        PRIMARY KEY (parentCode, componentCode)
                    );
                    CREATE INDEX bomLine_component ON bomLine(componentCode);
                    CREATE TABLE productionOrder (
                        id TEXT PRIMARY KEY,
                        number TEXT NOT NULL UNIQUE,
                        ticketID TEXT NOT NULL UNIQUE,
                        documentType TEXT NOT NULL,
                        articleCode TEXT NOT NULL,
                        quantity REAL NOT NULL CHECK (quantity > 0),
                        components TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('open', 'done')),
                        neededBy DATETIME NOT NULL,
                        createdAt DATETIME NOT NULL
                    );
                    CREATE TABLE warehouse (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        operatorID TEXT UNIQUE,
                        active BOOLEAN NOT NULL
                    );
                    INSERT INTO warehouse (id, name, operatorID, active) VALUES ('WH-CENTRAL', 'Magazzino centrale', NULL, 1);
                    CREATE TABLE stockMovement (
                        id TEXT PRIMARY KEY,
                        articleCode TEXT NOT NULL,
                        warehouseID TEXT NOT NULL REFERENCES warehouse(id),
                        quantity REAL NOT NULL CHECK (quantity <> 0),
                        kind TEXT NOT NULL CHECK (kind IN ('receipt', 'issue', 'transfer')),
                        reference TEXT NOT NULL,
                        createdAt DATETIME NOT NULL,
                        createdBy TEXT NOT NULL
                    );
                    CREATE INDEX stockMovement_article ON stockMovement(articleCode, warehouseID);
                    CREATE INDEX stockMovement_reference ON stockMovement(reference);
                    CREATE TABLE mrpRun (
                        id TEXT PRIMARY KEY,
                        status TEXT NOT NULL CHECK (status IN ('running', 'done')),
                        progress REAL NOT NULL,
                        startedAt DATETIME NOT NULL,
                        finishedAt DATETIME,
                        result TEXT
                    );
                    CREATE TABLE mrpStale (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        changedAt DATETIME NOT NULL
                    );
                    CREATE TABLE priceRule (
                        registrationType TEXT PRIMARY KEY
                            CHECK (registrationType IN ('billable', 'notBillable', 'underContract', 'warranty')),
                        billsDocument BOOLEAN NOT NULL,
                        typeArticlesDiscountPercent REAL NOT NULL CHECK (typeArticlesDiscountPercent BETWEEN 0 AND 100),
                        labourDiscountPercent REAL NOT NULL CHECK (labourDiscountPercent BETWEEN 0 AND 100),
                        materialsDiscountPercent REAL NOT NULL CHECK (materialsDiscountPercent BETWEEN 0 AND 100)
                    );
                    CREATE TABLE expectedReceipt (
                        id TEXT PRIMARY KEY,
                        articleCode TEXT NOT NULL REFERENCES article(code),
                        quantity REAL NOT NULL CHECK (quantity > 0),
                        dueDate TEXT NOT NULL
                    );
                    """)
        }
    }
}
