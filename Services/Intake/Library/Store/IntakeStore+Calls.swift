import Foundation
import GRDB
import ServiceKit
import AriannaProtocol

/// A customer with their active sites, as the call-centre page lists them.
public struct CustomerWithSites: Sendable, Codable, Equatable {
    public var customer: CustomerRecord
    public var sites: [SiteRecord]
}

/// A customer (and first site) typed in on the call-centre page because they were not found.
public struct NewCustomerEntry: Sendable, Equatable {
    public var name: String
    public var email: String?
    public var phone: String?
    public var siteName: String?
    public var siteAddress: String?
    public var siteZone: String?

    func problems() -> [Wording] {
        var problems: [Wording] = []
        if name.isEmpty {
            problems.append(Wording(
                it: "customer.name: scegli un cliente dall'elenco o scrivi il nome di uno nuovo.",
                en: "customer.name is required: pick a customer from the list or type a new one."))
        }
        if let email, !EmailAddress.looksValid(email) {
            problems.append(Wording(
                it: "customer.email: '\(email)' non è un indirizzo email.",
                en: "customer.email '\(email)' is not an email address."))
        }
        if siteName != nil || siteAddress != nil, siteZone == nil {
            problems.append(Wording(
                it: "site.zone: la zona è obbligatoria per una sede nuova: il planner abbina i tecnici per zona.",
                en: "site.zone is required for a new site: the planner matches technicians by zone."))
        }
        return problems
    }
}

extension IntakeStore {
    /// Active customers whose name, email or phone contains `text`, with their active sites.
    public func customers(matching text: String, limit: Int = 20) async throws -> [CustomerWithSites] {
        let pattern = "%\(text.trimmingCharacters(in: .whitespaces))%"
        return try await database.read { db in
            let customers = try CustomerRecord.fetchAll(db, sql: """
                SELECT * FROM customer WHERE active AND (name LIKE ? OR email LIKE ? OR phone LIKE ?)
                ORDER BY name LIMIT ?
                """, arguments: [pattern, pattern, pattern, limit])
            return try customers.map { customer in
                CustomerWithSites(
                    customer: customer,
                    sites: try SiteRecord.filter(SiteRecord.Columns.customerID == customer.id)
                        .filter(SiteRecord.Columns.active == true).order(Column("name")).fetchAll(db))
            }
        }
    }

    /// The call-centre page's ticket: with a customer picked from the list, or with a new
    /// customer (and site) typed in — created in the same transaction as the ticket, so a
    /// refused ticket leaves no stray customer behind.
    public func openCall(
        _ request: NewTicket, newCustomer: NewCustomerEntry?, createdBy userID: String?
    ) async throws -> TicketView {
        let now = clock.now()
        let ids = self.ids
        let settings = self.settings
        return try await database.write { [outbox] db in
            var request = request
            if let entry = newCustomer {
                let problems = entry.problems() + request.problems().filter { !$0.en.hasPrefix("customer.") }
                guard problems.isEmpty else { throw IntakeError.invalidTicket(problems) }
                let customer = try Self.findOrCreateCustomer(
                    .init(name: entry.name, email: entry.email), newID: ids.next(), in: db)
                if let phone = entry.phone {
                    try db.execute(sql: "UPDATE customer SET phone = ? WHERE id = ? AND phone IS NULL", arguments: [phone, customer.id])
                }
                request.customerID = customer.id
                request.customer = .init(name: customer.name, email: customer.email)
                if let zone = entry.siteZone {
                    let site = SiteRecord(
                        id: ids.next(), customerID: customer.id, name: entry.siteName ?? entry.name,
                        address: entry.siteAddress ?? "", zone: zone, active: true)
                    try site.insert(db)
                    request.siteID = site.id
                }
                try CustomerSnapshots.publish(customerID: customer.id, outbox: outbox, in: db)
            }
            return try Self.open(request, channel: .callCentre, at: now, ids: ids, outbox: outbox,
                                 correlationID: nil, settings: settings, createdBy: userID, in: db).ticket
        }
    }
}
