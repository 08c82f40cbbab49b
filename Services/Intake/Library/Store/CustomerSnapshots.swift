import GRDB
import ServiceKit

/// Publishes a customer's current state (`setup.customer.v1`, with every site) inside the
/// caller's transaction: for customers created or changed outside the setup pages (a new
/// caller on the call-centre page, an unknown email sender, a CSV row).
enum CustomerSnapshots {
    /// Announces the stored customer with every site; nothing when there is no such customer.
    static func publish(customerID: String, outbox: OutboxWriter, in db: Database) throws {
        guard let customer = try CustomerRecord.fetchOne(db, key: customerID) else { return }
        let sites = try SiteRecord.filter(SiteRecord.Columns.customerID == customerID).order(Column("name")).fetchAll(
            db)
        try outbox.append(CustomerSetup(customer: customer, sites: sites).snapshot, in: db)
    }

    /// The snapshot of a customer just created in this transaction, who has no site yet: no
    /// reads (a burst of Kafka requests from new callers creates hundreds in one batch).
    static func publishNew(_ customer: CustomerRecord, outbox: OutboxWriter, in db: Database) throws {
        try outbox.append(CustomerSetup(customer: customer, sites: []).snapshot, in: db)
    }
}
