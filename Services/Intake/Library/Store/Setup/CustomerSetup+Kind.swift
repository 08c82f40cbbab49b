import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// Customers and their sites, each site in a zone. An update that lists `sites` describes all
/// of them: listed sites with an id are changed, without an id added, and the customer's other
/// sites deactivated (tickets may name them).
enum CustomerSetupKind: SetupKind {
    /// One site of a customer as the form or the API sends it; a missing id is a new site.
    struct SiteInput: Decodable, Sendable {
        /// The site's id; absent: a new site.
        var id: String?
        /// The site's name (e.g. "Warehouse").
        var name: String?
        /// Where the technician goes.
        var address: String?
        /// The zone the planner matches technicians by.
        var zone: String?
        /// False deactivates the site; old tickets keep it.
        var active: Bool?
        /// The site's contact's email; empty clears it.
        var contactEmail: String?
    }

    /// A customer change as the form or the API sends it: only the fields sent are changed.
    struct Input: Decodable, Sendable {
        /// The customer's name.
        var name: String?
        /// Where notification writes to the customer.
        var email: String?
        /// A phone number to call the customer back.
        var phone: String?
        /// The customer's VAT number (partita IVA), for invoices.
        var vatNumber: String?
        /// The customer's fiscal code (codice fiscale), for invoices.
        var fiscalCode: String?
        /// Where invoices are addressed, when not the first site.
        var billingAddress: String?
        /// `it` or `en`; empty clears it (Italian).
        var language: String?
        /// False deactivates the customer, true brings it back; absent keeps it as it is.
        var active: Bool?
        /// The customer's sites; a site left out is kept, a site sent without id is new.
        var sites: [SiteInput]?
    }

    /// Flat JSON: the customer's fields and its sites.
    struct View: Encodable, Sendable {
        /// The customer's id.
        let id: String
        /// The customer's name.
        let name: String
        /// Where notification writes to the customer.
        let email: String?
        /// A phone number to call the customer back.
        let phone: String?
        /// The customer's VAT number (partita IVA), for invoices.
        let vatNumber: String?
        /// The customer's fiscal code (codice fiscale), for invoices.
        let fiscalCode: String?
        /// Where invoices are addressed, when not the first site.
        let billingAddress: String?
        /// The language of the customer's emails (`it`, `en`); absent: Italian.
        let language: String?
        /// Whether the customer is still in use.
        let active: Bool
        /// The customer's sites, deactivated ones too.
        let sites: [SiteRecord]
        /// The zones of the customer's sites, as the snapshot announces them.
        let zones: [String]
    }

    /// The customers' URL segment: `/api/setup/customers` and `/setup/customers`.
    static let path = "customers"
    /// The customer, as refusals name it.
    static let noun = "customer"
    /// What a "not found" refusal names: no such customer.
    static let missing = Wording(it: "nessun cliente", en: "customer")

    /// The customer's id, as URLs name it.
    static func id(of item: CustomerSetup) -> String { item.customer.id }
    /// Whether the customer is still offered (a deactivated one is kept, never deleted).
    static func isActive(_ item: CustomerSetup) -> Bool { item.customer.active }
    /// Whether the customer matches a `?q=` search.
    static func matches(_ item: CustomerSetup, query: String?) -> Bool {
        SetupRules.matches(
            query, item.customer.name, item.customer.email, item.customer.phone,
            item.sites.map { "\($0.name) \($0.address) \($0.zone)" }.joined(separator: " "))
    }

    /// Every customer, in list order.
    static func fetchAll(_ db: Database) throws -> [CustomerSetup] {
        let sites = Dictionary(grouping: try SiteRecord.order(SiteRecord.Columns.name).fetchAll(db), by: \.customerID)
        return try CustomerRecord.order(CustomerRecord.Columns.name).fetchAll(db).map {
            CustomerSetup(customer: $0, sites: sites[$0.id] ?? [])
        }
    }

    /// The customer with this id, if any.
    static func fetchOne(_ db: Database, id: String) throws -> CustomerSetup? {
        guard let customer = try CustomerRecord.fetchOne(db, key: id) else { return nil }
        let sites = try SiteRecord.filter(SiteRecord.Columns.customerID == id).order(SiteRecord.Columns.name).fetchAll(
            db)
        return CustomerSetup(customer: customer, sites: sites)
    }

    /// The customer, retired: kept for what names it, offered no more.
    static func deactivated(_ item: CustomerSetup) -> CustomerSetup {
        var item = item
        item.customer.active = false
        return item
    }

    /// What the API answers for the customer.
    static func view(_ item: CustomerSetup, now: Date) -> View {
        View(
            id: item.customer.id, name: item.customer.name, email: item.customer.email, phone: item.customer.phone,
            vatNumber: item.customer.vatNumber, fiscalCode: item.customer.fiscalCode,
            billingAddress: item.customer.billingAddress, language: item.customer.language,
            active: item.customer.active,
            sites: item.sites, zones: item.snapshot.zones)
    }

    /// The customer the input describes, checked against every rule; all problems are reported at
    /// once.
    static func build(_ input: Input, existing: CustomerSetup?, newID: String, in db: Database) throws -> CustomerSetup
    {
        var problems = SetupProblems()
        let name = SetupRules.clean(input.name) ?? (input.name == nil ? existing?.customer.name : nil) ?? ""
        problems.required(name, "name", Wording(it: "Manca il nome del cliente.", en: "The customer name is required."))
        let email = input.email == nil ? existing?.customer.email : SetupRules.clean(input.email)
        if let email {
            problems.require(
                SetupRules.isEmail(email), "email",
                Wording(it: "'\(email)' non è un indirizzo email.", en: "'\(email)' is not an email address."))
        }
        let phone = input.phone == nil ? existing?.customer.phone : SetupRules.clean(input.phone)
        let vatNumber =
            input.vatNumber == nil ? existing?.customer.vatNumber : CustomerBillingRules.compact(input.vatNumber)
        if let vatNumber {
            problems.require(
                CustomerBillingRules.isVATNumber(vatNumber), "vatNumber",
                Wording(
                    it:
                        "'\(vatNumber)' non è una partita IVA (11 cifre, con o senza prefisso del paese, es. IT01234567890).",
                    en:
                        "'\(vatNumber)' is not a VAT number (11 digits, with or without a country prefix, e.g. IT01234567890)."
                ))
        }
        let fiscalCode =
            input.fiscalCode == nil ? existing?.customer.fiscalCode : CustomerBillingRules.compact(input.fiscalCode)
        if let fiscalCode {
            problems.require(
                CustomerBillingRules.isFiscalCode(fiscalCode), "fiscalCode",
                Wording(
                    it:
                        "'\(fiscalCode)' non è un codice fiscale (16 caratteri per una persona, 11 cifre per una società).",
                    en: "'\(fiscalCode)' is not a fiscal code (16 characters for a person, 11 digits for a company)."))
        }
        let billingAddress =
            input.billingAddress == nil
            ? existing?.customer.billingAddress : SetupRules.clean(input.billingAddress)
        let language =
            input.language == nil ? existing?.customer.language : SetupRules.clean(input.language)?.lowercased()
        if let language {
            problems.require(
                ["it", "en"].contains(language), "language",
                Wording(
                    it: "'\(language)' non è una lingua delle email: scegliere it (italiano) o en (inglese).",
                    en: "'\(language)' is not an email language: choose it (Italian) or en (English)."))
        }
        let customerID = existing?.customer.id ?? newID
        var sites = existing?.sites ?? []
        if let given = input.sites {
            var kept: Set<String> = []
            for (index, site) in given.enumerated() {
                let siteName = SetupRules.clean(site.name) ?? ""
                let zone = SetupRules.clean(site.zone) ?? ""
                problems.required(
                    siteName, "sites[\(index)].name",
                    Wording(
                        it: "Manca il nome della sede \(index + 1).", en: "The name of site \(index + 1) is required."))
                problems.required(
                    zone, "sites[\(index)].zone",
                    Wording(
                        it: "Manca la zona della sede \(index + 1).", en: "The zone of site \(index + 1) is required."))
                let contactEmail = SetupRules.clean(site.contactEmail)
                if let contactEmail {
                    problems.require(
                        SetupRules.isEmail(contactEmail), "sites[\(index)].contactEmail",
                        Wording(
                            it: "'\(contactEmail)' (contatto della sede \(index + 1)) non è un indirizzo email.",
                            en: "'\(contactEmail)' (contact of site \(index + 1)) is not an email address."))
                }
                if let id = SetupRules.clean(site.id) {
                    guard let position = sites.firstIndex(where: { $0.id == id }) else {
                        problems.add(
                            "sites[\(index)].id",
                            Wording(
                                it: "La sede '\(id)' non è una delle sedi di questo cliente.",
                                en: "Site '\(id)' is not one of this customer's sites."))
                        continue
                    }
                    kept.insert(id)
                    sites[position].name = siteName
                    sites[position].address = SetupRules.clean(site.address) ?? ""
                    sites[position].zone = zone
                    sites[position].active = site.active ?? true
                    sites[position].contactEmail = contactEmail
                } else {
                    let id = "\(customerID)-site-\(sites.count + 1)"
                    kept.insert(id)
                    sites.append(
                        SiteRecord(
                            id: id, customerID: customerID, name: siteName,
                            address: SetupRules.clean(site.address) ?? "",
                            zone: zone, active: site.active ?? true, contactEmail: contactEmail))
                }
            }
            for index in sites.indices where !kept.contains(sites[index].id) {
                sites[index].active = false
            }
        }
        try problems.throwIfAny()
        let customer = CustomerRecord(
            id: customerID, name: name, email: email, phone: phone,
            active: input.active ?? existing?.customer.active ?? true, vatNumber: vatNumber, fiscalCode: fiscalCode,
            billingAddress: billingAddress, language: language)
        return CustomerSetup(customer: customer, sites: sites)
    }

    /// Writes the customer and announces it on `arianna.setup`, in the caller's transaction.
    static func save(_ item: CustomerSetup, previous: CustomerSetup?, outbox: OutboxWriter, in db: Database) throws {
        try item.customer.save(db)
        for site in item.sites where previous?.sites.first(where: { $0.id == site.id }) != site {
            try site.save(db)
        }
        try outbox.append(item.snapshot, in: db)
    }
}

/// The shape of the billing data of a customer (checked, not verified against a registry).
enum CustomerBillingRules {
    /// Upper case without spaces; nil when blank.
    static func compact(_ text: String?) -> String? {
        SetupRules.clean(text).map { $0.uppercased().filter { !$0.isWhitespace } }
    }

    /// 11 digits (an Italian partita IVA), or a two-letter country prefix and 2–12 letters or digits.
    static func isVATNumber(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        if scalars.count == 11 { return scalars.allSatisfy { ("0"..."9").contains($0) } }
        guard (4...14).contains(scalars.count), scalars.prefix(2).allSatisfy({ ("A"..."Z").contains($0) }) else {
            return false
        }
        return scalars.dropFirst(2).allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    /// 16 letters and digits (a person), or 11 digits (a company).
    static func isFiscalCode(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        if scalars.count == 11 { return scalars.allSatisfy { ("0"..."9").contains($0) } }
        return scalars.count == 16 && scalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
