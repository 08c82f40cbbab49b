public import Foundation

/// Intake opened a ticket. Planner, notification and billing build their read models from it.
public struct TicketOpened: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "ticket.opened.v1"
    /// Published on this topic.
    public static let topic = Topic.tickets

    /// Intake's ticket id (non-empty).
    public var ticketID: String
    /// Human-facing number, e.g. `"TCK/2026/000123"`.
    public var number: String
    /// The activity type, copied as of the event.
    public var activityType: ActivityTypeRef
    /// The customer, copied as of the event.
    public var customer: CustomerRef
    /// The customer's site zone, used by the planner to group work; absent when unknown.
    public var siteZone: String?
    /// What the customer reported, as written at intake.
    public var description: String
    /// How the ticket reached intake.
    public var channel: IntakeChannel
    /// When the ticket was opened.
    public var openedAt: Date
    /// The type's macro type (call, appointment, task); absent from producers older than deadlines.
    public var macroType: ActivityMacroType?
    /// A deadline's due date (macro type `task`), so to-do lists can order and flag it.
    public var dueAt: Date?
    /// The operator who must see the deadline through; web-report puts it in their to-do list and
    /// notification tells them when the type's notify flag is set.
    public var operatorInChargeID: String?
    /// The ticket whose follow-up rule created this one: such a ticket is never announced to the
    /// customer as a new call.
    public var followUpOfTicketID: String?
    /// `false`: the planner does not queue it. Absent means `true`, as before deadlines existed.
    public var needsAppointment: Bool?
    /// Values of the activity type's custom fields, by key, as intake validated them; the labels
    /// are in the type's layout (`setup.activity-type.v1`). Absent from older producers.
    public var customFields: [String: String]?
    /// The customer's site the ticket is for (added after v1, optional: absent when none was
    /// chosen), so notification can write to the site's contact.
    public var siteID: String?

    /// Key: the ticket id.
    public var aggregateID: String { ticketID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        ticketID: String, number: String, activityType: ActivityTypeRef, customer: CustomerRef,
        siteZone: String?, description: String, channel: IntakeChannel, openedAt: Date,
        macroType: ActivityMacroType? = nil, dueAt: Date? = nil, operatorInChargeID: String? = nil,
        followUpOfTicketID: String? = nil, needsAppointment: Bool? = nil, customFields: [String: String]? = nil,
        siteID: String? = nil
    ) {
        self.ticketID = ticketID
        self.number = number
        self.activityType = activityType
        self.customer = customer
        self.siteZone = siteZone
        self.description = description
        self.channel = channel
        self.openedAt = openedAt
        self.macroType = macroType
        self.dueAt = dueAt
        self.operatorInChargeID = operatorInChargeID
        self.followUpOfTicketID = followUpOfTicketID
        self.needsAppointment = needsAppointment
        self.customFields = customFields
        self.siteID = siteID
    }

    /// Whether the planner should queue it: only an explicit `false` keeps it off the queue.
    public var wantsAppointment: Bool { needsAppointment ?? true }
}

extension TicketOpened: PayloadValidating {
    /// A ticket has its id, number, activity type and customer; optional ids, when present, are not
    /// empty.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(ticketID, "ticketID")
        check.nonEmpty(number, "number")
        check.nonEmptyIfPresent(siteID, "siteID")
        check.nested(activityType, "activityType")
        check.nested(customer, "customer")
        check.nonEmptyIfPresent(operatorInChargeID, "operatorInChargeID")
        check.nonEmptyIfPresent(followUpOfTicketID, "followUpOfTicketID")
    }
}
