/// The full current state of a practice (R4: a sector grouping activity types), published by
/// intake whenever it changes. A snapshot: consumers upsert it.
public struct PracticeSnapshot: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "setup.practice.v1"
    /// Published on this topic.
    public static let topic = Topic.setup

    /// Intake's practice id (non-empty).
    public var practiceID: String
    /// Short code, e.g. `"ASSIST"` (non-empty).
    public var code: String
    /// Display name, e.g. "Assistenza tecnica".
    public var name: String
    /// `false` once retired; consumers keep it for history but offer it no more.
    public var active: Bool

    /// Key: `"practice:<practiceID>"`.
    public var aggregateID: String { "practice:\(practiceID)" }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(practiceID: String, code: String, name: String, active: Bool) {
        self.practiceID = practiceID
        self.code = code
        self.name = name
        self.active = active
    }
}

extension PracticeSnapshot: PayloadValidating {
    /// A practice has the id and code users and activity types are linked by.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(practiceID, "practiceID")
        check.nonEmpty(code, "code")
    }
}
