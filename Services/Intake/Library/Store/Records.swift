public import Foundation
public import GRDB
public import AriannaProtocol

/// An activity type (SPEC R5): what kind of work a deadline is and the rules it carries.
public struct ActivityTypeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "activityType"
    public var id: String
    public var code: String
    public var name: String
    public var macroType: ActivityMacroType
    public var expectedDurationMinutes: Int
    public var billable: Bool
    public var colour: String
    /// Prefix of the numbering sequence of the deadlines this type generates (e.g. `TCK`).
    public var numberingPrefix: String
    public var active: Bool
    // General palette (besides macro type, duration and sequence above).
    public var practiceID: String? = nil
    /// Creating a deadline of this type notifies the operator in charge.
    public var notifyAssignee: Bool = false
    /// The custom fields the type's form shows.
    public var layout: [LayoutField] = []
    // Billing palette (the planner colour is `colour`).
    public var registrationType: RegistrationType = .billable
    public var billingArticles: [BillingArticle] = []
    // Advanced palette.
    public var productionOrder: ProductionOrderSetting? = nil
    public var followUpRules: [FollowUpRule] = []
    /// The back-office group (a group's name) this type's new tickets go to (R11); nil: the
    /// configured default (`--back-office-group`).
    public var backOfficeGroup: String? = nil

    public enum Columns {
        /// The type's id.
        public static let id = Column(CodingKeys.id)
        public static let code = Column(CodingKeys.code)
        public static let active = Column(CodingKeys.active)
        /// The prefix of the type's numbering sequence.
        public static let numberingPrefix = Column(CodingKeys.numberingPrefix)
    }

    var snapshot: ActivityTypeSnapshot {
        ActivityTypeSnapshot(
            activityTypeID: id, code: code, name: name, macroType: macroType,
            expectedDurationMinutes: expectedDurationMinutes, billable: billable, colour: colour, active: active,
            practiceID: practiceID, numberingPrefix: numberingPrefix, notifyAssignee: notifyAssignee,
            registrationType: registrationType.rawValue,
            layout: layout.map { .init(key: $0.key, label: $0.label, kind: $0.kind.rawValue, required: $0.required) },
            billingArticles: billingArticles, productionOrder: productionOrder,
            followUpRules: followUpRules.map {
                .init(trigger: $0.trigger.rawValue, targetActivityTypeCode: $0.targetActivityTypeCode,
                      count: $0.recurrence.count, unit: $0.recurrence.unit.rawValue, baseDate: $0.baseDate.rawValue)
            })
    }

    var reference: ActivityTypeRef {
        ActivityTypeRef(id: id, code: code, name: name, expectedDurationMinutes: expectedDurationMinutes, billable: billable)
    }
}

/// An operator (technician or back-office person) with the groups they belong to (R1, R2).
public struct OperatorRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "operator"
    public var id: String
    public var name: String
    public var email: String?
    /// Group names, stored as a JSON array.
    public var groups: [String]
    public var active: Bool

    /// The columns an operator's name is read by (sessions and user views show it).
    public enum Columns {
        /// The operator's name.
        public static let name = Column(CodingKeys.name)
    }

    var snapshot: OperatorSnapshot {
        OperatorSnapshot(operatorID: id, name: name, email: email, groups: groups, active: active)
    }
}

/// A customer who opens calls.
public struct CustomerRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "customer"
    public var id: String
    public var name: String
    public var email: String?
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

    var reference: CustomerRef { CustomerRef(id: id, name: name, email: email) }

    /// The columns a caller is matched to a known customer by.
    public enum Columns {
        /// The customer's email, matched whatever the case.
        public static let email = Column(CodingKeys.email)
    }
}

/// One of a customer's sites, in a zone (the planner matches technicians' presence by zone).
public struct SiteRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "site"
    public var id: String
    public var customerID: String
    public var name: String
    public var address: String
    public var zone: String
    public var active: Bool
    /// The site's contact's email, for notification (migration intake.site-contact-email).
    public var contactEmail: String? = nil

    public enum Columns {
        public static let customerID = Column(CodingKeys.customerID)
        public static let active = Column(CodingKeys.active)
    }
}

/// A ticket: a deadline of a call activity type (R10).
public struct TicketRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "ticket"
    /// `open` until it is closed (by an intervention or a final state set by hand) or cancelled.
    public enum State: String, Codable, Sendable { case open, closed, cancelled }

    public var id: String
    public var number: String
    public var activityTypeID: String
    public var customerID: String
    public var siteZone: String?
    public var description: String
    public var channel: IntakeChannel
    public var state: State
    public var openedAt: Date
    public var closedAt: Date?
    public var reportID: String?
    public var workedMinutes: Int?
    public var idempotencyKey: String?
    /// The activity state (R3): the first non-final state when opened, a final one when closed.
    public var stateID: String? = nil
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
    public var cancelReason: String? = nil

    public enum Columns {
        public static let state = Column(CodingKeys.state)
        public static let openedAt = Column(CodingKeys.openedAt)
        public static let idempotencyKey = Column(CodingKeys.idempotencyKey)
    }
}
