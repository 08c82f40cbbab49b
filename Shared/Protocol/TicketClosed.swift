public import Foundation

/// Intake closed a ticket; carries what billing needs to bill it without asking anyone.
public struct TicketClosed: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "ticket.closed.v1"
    /// Published on this topic.
    public static let topic = Topic.tickets

    /// Intake's ticket id (non-empty).
    public var ticketID: String
    /// The ticket's human-facing number, e.g. `"TCK/2026/000123"` (non-empty).
    public var number: String
    /// The activity type, copied as of the event.
    public var activityType: ActivityTypeRef
    /// The customer, copied as of the event.
    public var customer: CustomerRef
    /// When the ticket was closed.
    public var closedAt: Date
    /// The intervention report that closed it, when one did.
    public var reportID: String?
    /// Total minutes worked on the ticket.
    public var workedMinutes: Int
    /// All materials used on the ticket; every quantity is greater than zero.
    public var materials: [MaterialLine]

    // Added after v1 shipped, optional: an older producer omits it.
    /// Total travel minutes of the intervention that closed the ticket, copied from it.
    public var travelMinutes: Int?

    /// Key: the ticket id.
    public var aggregateID: String { ticketID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        ticketID: String, number: String, activityType: ActivityTypeRef, customer: CustomerRef,
        closedAt: Date, reportID: String?, workedMinutes: Int, materials: [MaterialLine],
        travelMinutes: Int? = nil
    ) {
        self.ticketID = ticketID
        self.number = number
        self.activityType = activityType
        self.customer = customer
        self.closedAt = closedAt
        self.reportID = reportID
        self.workedMinutes = workedMinutes
        self.materials = materials
        self.travelMinutes = travelMinutes
    }
}

extension TicketClosed: PayloadValidating {
    /// A closed ticket carries its type, its customer and times that are not negative, which billing
    /// and the reports add up.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(ticketID, "ticketID")
        check.nonEmpty(number, "number")
        check.nested(activityType, "activityType")
        check.nested(customer, "customer")
        check.nonEmptyIfPresent(reportID, "reportID")
        check.nonNegative(workedMinutes, "workedMinutes")
        check.each(materials, "materials")
        if let travelMinutes { check.nonNegative(travelMinutes, "travelMinutes") }
    }
}
