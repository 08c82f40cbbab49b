public import Foundation

/// A ticket moved to another activity state (R3) by hand. Carries the state's name and colour so
/// the planner can colour the board by state without asking. A final state also closes the
/// ticket (`ticket.closed.v1` follows in the same transaction).
public struct TicketStateChanged: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "ticket.state-changed.v1"
    /// Published on this topic.
    public static let topic = Topic.tickets

    /// Intake's ticket id (non-empty).
    public var ticketID: String
    /// The ticket's human-facing number (non-empty).
    public var number: String
    /// The ticket's version after the change.
    public var version: Int
    /// The new activity state's id (as in `setup.activity-state.v1`, non-empty).
    public var stateID: String
    /// The state's code, e.g. `WORKING`.
    public var stateCode: String
    /// The state's name as the setup writes it.
    public var stateName: String
    /// `#rrggbb`, the state's colour.
    public var colour: String
    /// Whether the state closes the ticket.
    public var isFinal: Bool
    /// When the state changed.
    public var changedAt: Date
    /// The display name of the user who changed it (non-empty).
    public var changedBy: String

    /// Key: the ticket id.
    public var aggregateID: String { ticketID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        ticketID: String, number: String, version: Int, stateID: String, stateCode: String, stateName: String,
        colour: String, isFinal: Bool, changedAt: Date, changedBy: String
    ) {
        self.ticketID = ticketID
        self.number = number
        self.version = version
        self.stateID = stateID
        self.stateCode = stateCode
        self.stateName = stateName
        self.colour = colour
        self.isFinal = isFinal
        self.changedAt = changedAt
        self.changedBy = changedBy
    }
}

extension TicketStateChanged: PayloadValidating {
    /// A state change names the state, its `#rgb`/`#rrggbb` colour, who changed it and a version from
    /// 1.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(ticketID, "ticketID")
        check.nonEmpty(number, "number")
        check.require(version >= 1, "version must be at least 1")
        check.nonEmpty(stateID, "stateID")
        check.nonEmpty(stateCode, "stateCode")
        check.require(ActivityTypeSnapshot.isHexColour(colour), "colour must be #rgb or #rrggbb")
        check.nonEmpty(changedBy, "changedBy")
    }
}
