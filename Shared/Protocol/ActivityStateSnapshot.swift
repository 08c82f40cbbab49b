/// The full current state of an activity state (R3: "Nuovo", "Chiuso"…), published by intake
/// whenever it changes. The planner colours bars with it. A snapshot: consumers upsert it.
public struct ActivityStateSnapshot: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "setup.activity-state.v1"
    /// Published on this topic.
    public static let topic = Topic.setup

    /// Intake's activity state id (non-empty).
    public var stateID: String
    /// Short code, e.g. `"CLOSED"` (non-empty).
    public var code: String
    /// Display name.
    public var name: String
    /// CSS hex colour, `#rgb` or `#rrggbb` (checked: it ends up in pages).
    public var colour: String
    /// A final state (closed, cancelled): nothing more happens to an activity in it.
    public var isFinal: Bool
    /// Sort order in lists, smallest first.
    public var position: Int
    /// `false` once retired.
    public var active: Bool

    /// Key: `"activity-state:<stateID>"`.
    public var aggregateID: String { "activity-state:\(stateID)" }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(stateID: String, code: String, name: String, colour: String, isFinal: Bool, position: Int, active: Bool)
    {
        self.stateID = stateID
        self.code = code
        self.name = name
        self.colour = colour
        self.isFinal = isFinal
        self.position = position
        self.active = active
    }
}

extension ActivityStateSnapshot: PayloadValidating {
    /// A state needs its id, code and a `#rgb`/`#rrggbb` colour, which the pages paint as they are.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(stateID, "stateID")
        check.nonEmpty(code, "code")
        check.require(ActivityTypeSnapshot.isHexColour(colour), "colour must be #rgb or #rrggbb")
    }
}
