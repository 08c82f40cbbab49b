public import Foundation

/// The back office cancelled a ticket. The planner cancels its live appointment and takes it off
/// the queue; billing never bills a cancelled ticket.
public struct TicketCancelled: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "ticket.cancelled.v1"
    /// Published on this topic.
    public static let topic = Topic.tickets

    /// Intake's ticket id (non-empty).
    public var ticketID: String
    /// The ticket's human-facing number, e.g. `"TCK/2026/000123"` (non-empty).
    public var number: String
    /// Why it was cancelled, as the back office wrote it (non-empty); shown in emails and history.
    public var reason: String
    /// When it was cancelled.
    public var cancelledAt: Date
    /// The display name of the user who cancelled it (non-empty).
    public var cancelledBy: String

    /// Key: the ticket id.
    public var aggregateID: String { ticketID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(ticketID: String, number: String, reason: String, cancelledAt: Date, cancelledBy: String) {
        self.ticketID = ticketID
        self.number = number
        self.reason = reason
        self.cancelledAt = cancelledAt
        self.cancelledBy = cancelledBy
    }
}

extension TicketCancelled: PayloadValidating {
    /// A cancellation says which ticket, why and who cancelled it: what the history and the customer's
    /// email show.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(ticketID, "ticketID")
        check.nonEmpty(number, "number")
        check.nonEmpty(reason, "reason")
        check.nonEmpty(cancelledBy, "cancelledBy")
    }
}
