/// The full current state of a group of users (R2: "Back office", "Technicians North"),
/// published by intake whenever it changes. Membership travels in `setup.operator.v1`
/// (`groups`, by name): a rename republishes the snapshots of the group's operators too.
public struct GroupSnapshot: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "setup.group.v1"
    /// Published on this topic.
    public static let topic = Topic.setup

    /// Intake's group id (non-empty).
    public var groupID: String
    /// The group's name, as operators' `groups` list it (non-empty).
    public var name: String
    /// `false` once retired.
    public var active: Bool

    /// Key: `"group:<groupID>"`.
    public var aggregateID: String { "group:\(groupID)" }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(groupID: String, name: String, active: Bool) {
        self.groupID = groupID
        self.name = name
        self.active = active
    }
}

extension GroupSnapshot: PayloadValidating {
    /// A group has the id and name tickets are assigned under.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(groupID, "groupID")
        check.nonEmpty(name, "name")
    }
}
