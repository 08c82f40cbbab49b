/// The full current state of an operator (a technician or back-office user who can be planned),
/// published by intake whenever it changes. A snapshot: consumers upsert it.
public struct OperatorSnapshot: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "setup.operator.v1"
    /// Published on this topic.
    public static let topic = Topic.setup

    /// Intake's operator (user) id (non-empty).
    public var operatorID: String
    /// Display name.
    public var name: String
    /// Where the operator's notifications go; absent when none is set.
    public var email: String?
    /// Names of the groups the operator belongs to (permissions, mailing lists).
    public var groups: [String]
    /// `false` once deactivated; consumers keep it for history but no longer offer it.
    public var active: Bool

    /// Key: `"operator:<operatorID>"`.
    public var aggregateID: String { "operator:\(operatorID)" }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(operatorID: String, name: String, email: String?, groups: [String], active: Bool) {
        self.operatorID = operatorID
        self.name = name
        self.email = email
        self.groups = groups
        self.active = active
    }
}

extension OperatorSnapshot: PayloadValidating {
    /// An operator record has the id every appointment refers to.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(operatorID, "operatorID")
    }
}
