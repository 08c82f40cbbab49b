/// The full current state of a customer with all their sites, published by intake whenever the
/// customer or one of their sites changes. A snapshot: consumers replace what they had.
public struct CustomerSnapshot: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "setup.customer.v1"
    /// Published on this topic.
    public static let topic = Topic.setup

    /// One place of the customer, in a zone (the planner matches presences by zone).
    public struct Site: Codable, Sendable, Equatable {
        /// Intake's site id (non-empty).
        public var siteID: String
        /// The site's name as the back office wrote it (e.g. "Sede").
        public var name: String
        /// The street address a technician drives to.
        public var address: String
        /// The zone the site is in (non-empty), e.g. "Milano Nord".
        public var zone: String
        /// `false` once retired.
        public var active: Bool
        /// Where the site's contact person reads email (added after v1, optional): notification
        /// writes to them beside the customer when the recipient setting says so.
        public var contactEmail: String?

        /// Memberwise.
        public init(
            siteID: String, name: String, address: String, zone: String, active: Bool, contactEmail: String? = nil
        ) {
            self.siteID = siteID
            self.name = name
            self.address = address
            self.zone = zone
            self.active = active
            self.contactEmail = contactEmail
        }
    }

    /// Intake's customer id (non-empty).
    public var customerID: String
    /// Display name.
    public var name: String
    /// Where emails to the customer go; absent when none is set.
    public var email: String?
    /// Phone number for the technician and the back office; absent when none is set.
    public var phone: String?
    /// `false` once retired.
    public var active: Bool
    /// Every site, active or not.
    public var sites: [Site]
    /// The zones of the active sites, sorted, without repeats.
    public var zones: [String]

    // Added after v1 shipped, all optional: billing prints them on documents.
    /// VAT number (partita IVA), e.g. `IT01234567890`.
    public var vatNumber: String?
    /// Fiscal code (codice fiscale): 16 characters for a person, 11 digits for a company.
    public var fiscalCode: String?
    /// The address billing documents are sent to; absent: the customer's first active site.
    public var billingAddress: String?
    /// The language the customer's emails are written in: `"it"` or `"en"`; absent = Italian
    /// (added after v1, optional: older snapshots and consumers are unaffected).
    public var language: String?

    /// Key: `"customer:<customerID>"`.
    public var aggregateID: String { "customer:\(customerID)" }

    /// Memberwise; `zones` is derived from `sites`.
    public init(
        customerID: String, name: String, email: String?, phone: String?, active: Bool, sites: [Site],
        vatNumber: String? = nil, fiscalCode: String? = nil, billingAddress: String? = nil, language: String? = nil
    ) {
        self.customerID = customerID
        self.name = name
        self.email = email
        self.phone = phone
        self.active = active
        self.sites = sites
        self.zones = Array(Set(sites.filter(\.active).map(\.zone))).sorted()
        self.vatNumber = vatNumber
        self.fiscalCode = fiscalCode
        self.billingAddress = billingAddress
        self.language = language
    }
}

extension CustomerSnapshot: PayloadValidating {
    /// A customer record consumers can file: an id, well-formed sites and a language that is `it` or
    /// `en` when set.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(customerID, "customerID")
        check.each(sites, "sites")
        check.require(language.map { ["it", "en"].contains($0) } ?? true, "language must be \"it\" or \"en\"")
    }
}

extension CustomerSnapshot.Site: PayloadValidating {
    /// A site has an id and the zone the planner matches presences by.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(siteID, "siteID")
        check.nonEmpty(zone, "zone")
    }
}
