public import Foundation

/// The back office gave a ticket to another back-office group and/or operator (R11). For a
/// deadline the operator is the operator in charge, whose to-do list shows it.
public struct TicketReassigned: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "ticket.reassigned.v1"
    /// Published on this topic.
    public static let topic = Topic.tickets

    /// Intake's ticket id (non-empty).
    public var ticketID: String
    /// The ticket's human-facing number (non-empty).
    public var number: String
    /// The ticket's version after the change.
    public var version: Int
    /// The back-office group now in charge (a group name); absent when none.
    public var group: String?
    /// The operator now in charge; absent when only a group is.
    public var operatorID: String?
    /// When it was reassigned.
    public var reassignedAt: Date
    /// The display name of the user who reassigned it (non-empty).
    public var reassignedBy: String

    /// Key: the ticket id.
    public var aggregateID: String { ticketID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        ticketID: String, number: String, version: Int, group: String?, operatorID: String?,
        reassignedAt: Date, reassignedBy: String
    ) {
        self.ticketID = ticketID
        self.number = number
        self.version = version
        self.group = group
        self.operatorID = operatorID
        self.reassignedAt = reassignedAt
        self.reassignedBy = reassignedBy
    }
}

extension TicketReassigned: PayloadValidating {
    /// A reassignment names a group or an operator (or both), who made it and a version from 1.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(ticketID, "ticketID")
        check.nonEmpty(number, "number")
        check.require(version >= 1, "version must be at least 1")
        check.nonEmptyIfPresent(group, "group")
        check.nonEmptyIfPresent(operatorID, "operatorID")
        check.require(group != nil || operatorID != nil, "group or operatorID must be present")
        check.nonEmpty(reassignedBy, "reassignedBy")
    }
}
