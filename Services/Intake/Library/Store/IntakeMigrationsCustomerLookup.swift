import GRDB

extension IntakeMigrations {
    /// The customer lookup's keyset order (issue 15): `GET /api/customers` pages by name then id,
    /// so the next page starts where the index says instead of sorting every customer again.
    /// Append-only; after `intake.ticket-search-owners`.
    static func registerCustomerLookupOrder(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake.customer-lookup-order") { db in
            try db.execute(sql: "CREATE INDEX customer_name_id ON customer(name, id)")
        }
    }
}
