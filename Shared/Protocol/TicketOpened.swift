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

    /// Key: the ticket id.
    public var aggregateID: String { ticketID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        ticketID: String, number: String, activityType: ActivityTypeRef, customer: CustomerRef,
        siteZone: String?, description: String, channel: IntakeChannel, openedAt: Date
    ) {
        self.ticketID = ticketID
        self.number = number
        self.activityType = activityType
        self.customer = customer
        self.siteZone = siteZone
        self.description = description
        self.channel = channel
        self.openedAt = openedAt
    }
}

extension TicketOpened: PayloadValidating {
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(ticketID, "ticketID")
        check.nonEmpty(number, "number")
        check.nested(activityType, "activityType")
        check.nested(customer, "customer")
    }
}
