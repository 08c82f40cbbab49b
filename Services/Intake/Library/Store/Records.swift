public import AriannaProtocol
public import Foundation
public import GRDB
public import IntakeDomain

/// An activity type (SPEC R5): what kind of work a deadline is and the rules it carries.
public struct ActivityTypeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of activity types.
    public static let databaseTableName = "activityType"
    /// The type's id, stable across code renames.
    public var id: String
    /// The short code channels and rules name the type by (`REPAIR`), unique.
    public var code: String
    /// The name pages show.
    public var name: String
    /// Call, appointment or task (deadline): what kind of work the type's tickets are.
    public var macroType: ActivityMacroType
    /// How long a visit of this type usually takes; the planner sizes slots by it.
    public var expectedDurationMinutes: Int
    /// Whether work of the type is billed; follows `registrationType`.
    public var billable: Bool
    /// The planner's colour of the type's calls (`#rrggbb`).
    public var colour: String
    /// Prefix of the numbering sequence of the deadlines this type generates (e.g. `TCK`).
    public var numberingPrefix: String
    /// A deactivated type opens no new tickets; its tickets keep it.
    public var active: Bool
    // General palette (besides macro type, duration and sequence above).
    /// The practice the type belongs to (R4); nil: every practice's users see it.
    public var practiceID: String? = nil
    /// Creating a deadline of this type notifies the operator in charge.
    public var notifyAssignee: Bool = false
    /// The custom fields the type's form shows.
    public var layout: [LayoutField] = []
    // Billing palette (the planner colour is `colour`).
    /// How work of the type is registered for billing.
    public var registrationType: RegistrationType = .billable
    /// Articles billed automatically for paid work of the type.
    public var billingArticles: [BillingArticle] = []
    // Advanced palette.
    /// The production order each deadline of the type creates, if any.
    public var productionOrder: ProductionOrderSetting? = nil
    /// The follow-up deadlines the type's tickets create, and when.
    public var followUpRules: [FollowUpRule] = []
    /// The back-office group (a group's name) this type's new tickets go to (R11); nil: the
    /// configured default (`--back-office-group`).
    public var backOfficeGroup: String? = nil

    /// The columns queries filter activity types by.
    public enum Columns {
        /// The type's id.
        public static let id = Column(CodingKeys.id)
        /// The type's code, unique.
        public static let code = Column(CodingKeys.code)
        /// Whether the type may open tickets.
        public static let active = Column(CodingKeys.active)
        /// The prefix of the type's numbering sequence.
        public static let numberingPrefix = Column(CodingKeys.numberingPrefix)
        /// The type's name, the order lists show types in.
        public static let name = Column(CodingKeys.name)
        /// The practice the type belongs to (R4), nil for every practice.
        public static let practiceID = Column(CodingKeys.practiceID)
    }

    /// The type as `setup.activity-type.v1` announces it to the other services.
    var snapshot: ActivityTypeSnapshot {
        ActivityTypeSnapshot(
            activityTypeID: id, code: code, name: name, macroType: macroType,
            expectedDurationMinutes: expectedDurationMinutes, billable: billable, colour: colour, active: active,
            practiceID: practiceID, numberingPrefix: numberingPrefix, notifyAssignee: notifyAssignee,
            registrationType: registrationType, layout: layout,
            billingArticles: billingArticles, productionOrder: productionOrder, followUpRules: followUpRules)
    }

    /// The type as ticket events name it.
    var reference: ActivityTypeRef {
        ActivityTypeRef(
            id: id, code: code, name: name, expectedDurationMinutes: expectedDurationMinutes, billable: billable)
    }
}

/// An operator (technician or back-office person) with the groups they belong to (R1, R2).
public struct OperatorRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of operators.
    public static let databaseTableName = "operator"
    /// The operator's id, the one every service uses.
    public var id: String
    /// The operator's full name as pages and emails show it.
    public var name: String
    /// Where notification writes to the operator.
    public var email: String?
    /// Group names, stored as a JSON array.
    public var groups: [String]
    /// A deactivated operator gets no new work.
    public var active: Bool

    /// The columns an operator's name is read by (sessions and user views show it).
    public enum Columns {
        /// The operator's name.
        public static let name = Column(CodingKeys.name)
        /// Whether the operator gets new work (the forms offer only active operators).
        public static let active = Column(CodingKeys.active)
    }

    /// The operator as `setup.operator.v1` announces them.
    var snapshot: OperatorSnapshot {
        OperatorSnapshot(operatorID: id, name: name, email: email, groups: groups, active: active)
    }
}

/// A customer who opens calls.
public struct CustomerRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of customers.
    public static let databaseTableName = "customer"
    /// The customer's id, the one every service uses.
    public var id: String
    /// The customer's or company's name.
    public var name: String
    /// The address a caller is recognised by, whatever the case, and notification writes to.
    public var email: String?
    /// A phone number to call back.
    public var phone: String? = nil
    /// `false` once deactivated: kept for the tickets that name it, offered no more.
    public var active: Bool = true
    /// VAT number (partita IVA), for billing documents.
    public var vatNumber: String? = nil
    /// Fiscal code (codice fiscale), for billing documents.
    public var fiscalCode: String? = nil
    /// Where billing documents go; nil: the first active site.
    public var billingAddress: String? = nil
    /// The language of the customer's emails, `it` or `en`; nil: Italian (migration intake.customer-language).
    public var language: String? = nil

    /// The customer as ticket events name them.
    var reference: CustomerRef { CustomerRef(id: id, name: name, email: email) }

    /// The columns a caller is matched to a known customer by.
    public enum Columns {
        /// The customer's email, matched whatever the case.
        public static let email = Column(CodingKeys.email)
        /// The customer's name, the setup list's order.
        public static let name = Column(CodingKeys.name)
        /// A phone number to call back, filled in only where none is known.
        public static let phone = Column(CodingKeys.phone)
    }
}

/// One of a customer's sites, in a zone (the planner matches technicians' presence by zone).
public struct SiteRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of customers' sites.
    public static let databaseTableName = "site"
    /// The site's id.
    public var id: String
    /// The customer the site belongs to.
    public var customerID: String
    /// The site's name as the call form lists it (e.g. "Warehouse").
    public var name: String
    /// Where the technician goes.
    public var address: String
    /// The zone the planner matches technicians by.
    public var zone: String
    /// A deactivated site takes no new tickets; old tickets keep it.
    public var active: Bool
    /// The site's contact's email, for notification (migration intake.site-contact-email).
    public var contactEmail: String? = nil

    /// The columns queries filter sites by.
    public enum Columns {
        /// The customer the site belongs to.
        public static let customerID = Column(CodingKeys.customerID)
        /// Whether the site takes new tickets.
        public static let active = Column(CodingKeys.active)
        /// The site's name, the order a customer's sites are listed in.
        public static let name = Column(CodingKeys.name)
    }
}

/// A ticket: a deadline of a call activity type (R10).
public struct TicketRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of tickets.
    public static let databaseTableName = "ticket"
    /// `open` until it is closed (by an intervention or a final state set by hand) or cancelled:
    /// the domain's `TicketState`, which a refused change names.
    public typealias State = TicketState

    /// The ticket's id, the key of its events.
    public var id: String
    /// The document number, gapless per sequence and year (`TCK/2026/000123`).
    public var number: String
    /// The ticket's activity type.
    public var activityTypeID: String
    /// The customer who called.
    public var customerID: String
    /// The zone of the work, from the site when one is named.
    public var siteZone: String?
    /// What the customer needs.
    public var description: String
    /// The channel the ticket came through.
    public var channel: IntakeChannel
    /// Open, closed or cancelled.
    public var state: State
    /// When the ticket was opened.
    public var openedAt: Date
    /// When it was closed or cancelled.
    public var closedAt: Date?
    /// The intervention report that closed it, if one did.
    public var reportID: String?
    /// The minutes the closing intervention took.
    public var workedMinutes: Int?
    /// The key a retried request is recognised by (`kafka:…`, `email:…`, `csv:…`, a caller's
    /// `Idempotency-Key`).
    public var idempotencyKey: String?
    /// The activity state (R3): the first non-final state when opened, a final one when closed.
    public var stateID: String? = nil
    /// The customer's site the work is at.
    public var siteID: String? = nil
    /// When the deadline falls due; nil for "as soon as possible".
    public var dueAt: Date? = nil
    /// Values of the type's layout fields, by key.
    public var customFields: [String: String] = [:]
    /// The back-office group the new ticket goes to (R11).
    public var assignedGroup: String? = nil
    /// The web user who opened it, for tickets opened from a page.
    public var createdByUserID: String? = nil
    /// The ticket whose follow-up rule created this one.
    public var followUpOf: String? = nil
    /// Day of the month the follow-up series started on (month steps keep it).
    public var seriesAnchorDay: Int? = nil
    /// Grows by one with every change from the back office: a change carrying an older version
    /// is refused (optimistic concurrency), so nobody overwrites what they have not seen.
    public var version: Int = 1
    /// Whom to call on site (name, phone), free text.
    public var contact: String? = nil
    /// The operator in charge: a deadline's owner, whose to-do list shows it (R15).
    public var assignedOperatorID: String? = nil
    /// When the back office cancelled it, and why.
    public var cancelledAt: Date? = nil
    /// Why the back office cancelled it.
    public var cancelReason: String? = nil

    /// The columns ticket queries filter and sort by.
    public enum Columns {
        /// Open, closed or cancelled.
        public static let state = Column(CodingKeys.state)
        /// When the ticket was opened: the list's order.
        public static let openedAt = Column(CodingKeys.openedAt)
        /// The key a retried request is recognised by.
        public static let idempotencyKey = Column(CodingKeys.idempotencyKey)
    }
}
