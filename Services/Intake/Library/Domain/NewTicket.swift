import AriannaProtocol
public import AriannaWording
public import Foundation

/// A request to open a ticket, as any intake channel delivers it, before validation.
public struct NewTicket: Sendable, Codable, Equatable {
    /// The caller as the channel names them: matched to a known customer by email, else by name, or
    /// created.
    public struct Customer: Sendable, Codable, Equatable {
        /// The caller's or company's name, as they gave it.
        public var name: String
        /// The caller's email: how a known customer is recognised, whatever the case.
        public var email: String?
        /// A caller as the channel names them.
        public init(name: String, email: String?) {
            self.name = name
            self.email = email
        }
    }

    /// Code of the call's activity type (e.g. `REPAIR`).
    public var activityTypeCode: String
    /// Who calls: matched to a known customer, or created with the ticket.
    public var customer: Customer
    /// Zone of the customer's site, used by the planner to match technicians. Taken from the
    /// site when `siteID` is given.
    public var siteZone: String?
    /// One of the customer's known sites; when given, its zone is the ticket's zone.
    public var siteID: String?
    /// An existing customer, picked from the list (the call-centre page); when given, `customer`
    /// is only used for display and matching is skipped.
    public var customerID: String?
    /// What the customer needs, in their words (at most 4000 characters).
    public var description: String
    /// Values of the custom fields the activity type's layout shows, by field key.
    public var customFields: [String: String]
    /// When the deadline falls due; absent for "as soon as possible".
    public var dueAt: Date?
    /// A retried request with the same key returns the ticket opened the first time.
    public var idempotencyKey: String?
    /// The operator in charge of a deadline (macro type task), whose to-do list shows it;
    /// required for a task, optional otherwise.
    public var operatorInChargeID: String?

    /// A request as a channel builds it; nothing is checked until `IntakeStore.open`.
    public init(
        activityTypeCode: String, customer: Customer, siteZone: String? = nil, siteID: String? = nil,
        customerID: String? = nil, description: String, customFields: [String: String] = [:],
        dueAt: Date? = nil, idempotencyKey: String? = nil
    ) {
        self.activityTypeCode = activityTypeCode
        self.customer = customer
        self.siteZone = siteZone
        self.siteID = siteID
        self.customerID = customerID
        self.description = description
        self.customFields = customFields
        self.dueAt = dueAt
        self.idempotencyKey = idempotencyKey
    }

    /// The JSON names of the request.
    enum CodingKeys: String, CodingKey {
        /// `activityTypeCode`, `customer`, `siteZone`, `siteID`, `customerID`, `description`,
        /// `customFields`, `dueAt`, `idempotencyKey`: the call's wire names, the same as the properties'.
        case activityTypeCode, customer, siteZone, siteID, customerID, description, customFields, dueAt, idempotencyKey
        /// `operatorInChargeID`: the deadline's operator in charge, added later, so optional on the wire.
        case operatorInChargeID
    }

    /// `customFields` may be left out of a JSON request.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        activityTypeCode = try container.decode(String.self, forKey: .activityTypeCode)
        customer = try container.decode(Customer.self, forKey: .customer)
        siteZone = try container.decodeIfPresent(String.self, forKey: .siteZone)
        siteID = try container.decodeIfPresent(String.self, forKey: .siteID)
        customerID = try container.decodeIfPresent(String.self, forKey: .customerID)
        description = try container.decode(String.self, forKey: .description)
        customFields = try container.decodeIfPresent([String: String].self, forKey: .customFields) ?? [:]
        dueAt = try container.decodeIfPresent(Date.self, forKey: .dueAt)
        idempotencyKey = try container.decodeIfPresent(String.self, forKey: .idempotencyKey)
        operatorInChargeID = try container.decodeIfPresent(String.self, forKey: .operatorInChargeID).nonBlank
    }

    /// Every problem with the request, in words the caller can act on (Italian and English);
    /// empty when it is valid.
    public func problems() -> [Wording] {
        var problems: [Wording] = []
        if activityTypeCode.isBlank() {
            problems.append(
                Wording(
                    it: "activityTypeCode: il tipo di attività è obbligatorio (es. REPAIR).",
                    en: "activityTypeCode is required (e.g. REPAIR)."))
        }
        if customerID == nil, customer.name.isBlank() {
            problems.append(
                Wording(it: "customer.name: il nome del cliente è obbligatorio.", en: "customer.name is required."))
        }
        if let email = customer.email, !email.isEmpty, !EmailAddress.looksValid(email) {
            problems.append(
                Wording(
                    it: "customer.email: '\(email)' non è un indirizzo email.",
                    en: "customer.email '\(email)' is not an email address."))
        }
        if description.isBlank(ignoring: .whitespacesAndNewlines) {
            problems.append(
                Wording(
                    it: "description: la descrizione è obbligatoria: scrivi di cosa ha bisogno il cliente.",
                    en: "description is required: say what the customer needs."))
        } else if description.utf8.count > 4000, description.count > 4000 {
            problems.append(
                Wording(
                    it: "description: la descrizione supera i 4000 caratteri.",
                    en: "description is longer than 4000 characters."))
        }
        if let key = idempotencyKey, key.utf8.count > 200, key.count > 200 {
            problems.append(
                Wording(
                    it: "idempotencyKey: la chiave supera i 200 caratteri.",
                    en: "idempotencyKey is longer than 200 characters."))
        }
        return problems
    }
}

/// A deliberately loose check: one `@`, something on both sides, a dot in the domain.
package enum EmailAddress {
    /// Whether `text` could be an email address; a deliberately loose check.
    package static func looksValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !text.contains(" ")
        else { return false }
        return true
    }
}
