import GRDB

extension IntakeMigrations {
    /// Customers gain the data billing prints on documents: VAT number, fiscal code and billing
    /// address (all optional).
    static func registerCustomerBillingData(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake.customer-billing-data") { db in
            try db.execute(
                sql: """
                    ALTER TABLE customer ADD COLUMN vatNumber TEXT;
                    ALTER TABLE customer ADD COLUMN fiscalCode TEXT;
                    ALTER TABLE customer ADD COLUMN billingAddress TEXT;
                    """)
        }
    }

    /// Customers gain the language their emails are written in (`it`/`en`; none = Italian), and
    /// sites their contact's email.
    static func registerCustomerLanguage(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake.customer-language") { db in
            try db.execute(sql: "ALTER TABLE customer ADD COLUMN language TEXT")
        }
        migrator.registerMigration("intake.site-contact-email") { db in
            try db.execute(sql: "ALTER TABLE site ADD COLUMN contactEmail TEXT")
        }
    }
}
