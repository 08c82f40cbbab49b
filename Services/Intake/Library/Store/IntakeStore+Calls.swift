import AriannaProtocol
import Foundation
import GRDB
public import IntakeDomain
import ServiceKit

/// A customer with their active sites, as the call-centre page lists them.
public struct CustomerWithSites: Sendable, Codable, Equatable {
    /// The customer found.
    public var customer: CustomerRecord
    /// The customer's active sites, one of which the call may be about.
    public var sites: [SiteRecord]
}

/// A customer (and first site) typed in on the call-centre page because they were not found.
public struct NewCustomerEntry: Sendable, Equatable {
    /// The new customer's or company's name (required).
    public var name: String
    /// The new customer's email, if they gave one.
    public var email: String?
    /// A phone number to call them back.
    public var phone: String?
    /// The first site's name; no site is created without a name and an address.
    public var siteName: String?
    /// Where the first site is.
    public var siteAddress: String?
    /// The first site's zone, for the planner.
    public var siteZone: String?

    /// What is missing or wrong in the new caller's data, in both languages; empty when it may be
    /// written.
    func problems() -> [Wording] {
        var problems: [Wording] = []
        if name.isEmpty {
            problems.append(
                Wording(
                    it: "customer.name: scegli un cliente dall'elenco o scrivi il nome di uno nuovo.",
                    en: "customer.name is required: pick a customer from the list or type a new one."))
        }
        if let email, !EmailAddress.looksValid(email) {
            problems.append(
                Wording(
                    it: "customer.email: '\(email)' non è un indirizzo email.",
                    en: "customer.email '\(email)' is not an email address."))
        }
        if siteName != nil || siteAddress != nil, siteZone == nil {
            problems.append(
                Wording(
                    it: "site.zone: la zona è obbligatoria per una sede nuova: il planner abbina i tecnici per zona.",
                    en: "site.zone is required for a new site: the planner matches technicians by zone."))
        }
        return problems
    }
}

extension IntakeStore {
    /// Active customers whose name, email or phone contains `text`, with their active sites.
    public func customers(matching text: String, limit: Int = 20) async throws -> [CustomerWithSites] {
        try await customerPage(matching: text, page: PageRequest(limit: limit)).items
    }

    /// One page of the customer lookup (`GET /api/customers?q=&limit=&cursor=`): active customers
    /// whose name, email or phone contains `text`, by name then id, with their active sites. Keyset
    /// on the `customer_name_id` index (never OFFSET); the sites of the page's customers come in a
    /// second query, so a page costs two queries whatever its size.
    /// - Throws: ``PageRequestError/badCursor`` for a cursor that is not a (name, id) pair.
    func customerPage(matching text: String, page: PageRequest) async throws -> Page<CustomerWithSites> {
        let pattern = "%\(text.trimmingCharacters(in: .whitespaces))%"
        var after: (name: String, id: String)?
        if let cursor = page.cursor {
            guard cursor.values.count == 2 else { throw PageRequestError.badCursor }
            after = (cursor.values[0], cursor.values[1])
        }
        let start = after
        let rows = try await database.read { db in
            // Raw SQL stays: a keyset page with a row value ((name, id) > (?, ?)) and a LIKE over three columns.
            let customers = try CustomerRecord.fetchAll(
                db,
                sql: """
                    SELECT * FROM customer WHERE active AND (name LIKE ? OR email LIKE ? OR phone LIKE ?)
                    AND (? IS NULL OR (name, id) > (?, ?))
                    ORDER BY name, id LIMIT ?
                    """, arguments: [pattern, pattern, pattern, start?.name, start?.name, start?.id, page.fetchLimit])
            let sites = try SiteRecord.filter(customers.map(\.id).contains(SiteRecord.Columns.customerID))
                .filter(SiteRecord.Columns.active == true).order(Column("name")).fetchAll(db)
            let byCustomer = Dictionary(grouping: sites, by: \.customerID)
            return customers.map { CustomerWithSites(customer: $0, sites: byCustomer[$0.id] ?? []) }
        }
        return Page(fetched: rows, request: page) { PageCursor([$0.customer.name, $0.customer.id]) }
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
                    try CustomerRecord.filter(key: customer.id).filter(CustomerRecord.Columns.phone == nil)
                        .updateAll(db, CustomerRecord.Columns.phone.set(to: phone))
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
            return try Self.open(
                request, channel: .callCentre, at: now, ids: ids, outbox: outbox,
                correlationID: nil, settings: settings, createdBy: userID, in: db
            ).ticket
        }
    }
}
