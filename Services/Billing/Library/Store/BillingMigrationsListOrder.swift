import GRDB

extension BillingMigrations {
    /// Paged lists (issue 15): the keyset orders of the documents and production orders (newest
    /// first, then id) and of stock levels (warehouse, article), so a page is read from an index.
    static func registerListOrder(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("billing.list-order") { db in
            try db.execute(
                sql: """
                    CREATE INDEX billingDocument_created_id ON billingDocument(createdAt, id);
                    CREATE INDEX productionOrder_created_id ON productionOrder(createdAt, id);
                    CREATE INDEX stockMovement_warehouse_article ON stockMovement(warehouseID, articleCode);
                    """)
        }
    }
}
