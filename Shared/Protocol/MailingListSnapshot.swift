/// The full current state of a mailing list (R14: addresses that follow some practices or activity
/// types and want to hear about some events), published by intake whenever it changes.
/// A snapshot: notification upserts it and reads it when it decides who receives an event.
public struct MailingListSnapshot: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "setup.mailing-list.v1"
    /// Published on this topic.
    public static let topic = Topic.setup

    /// The triggers a mailing list can follow; the raw values travel in ``events``.
    public static let knownEvents: Set<String> = [
        "ticket-opened", "appointment-scheduled", "appointment-moved", "appointment-cancelled",
        "ticket-cancelled", "intervention-completed"
    ]

    /// Intake's mailing list id (non-empty).
    public var id: String
    /// Display name, e.g. "Ufficio tecnico" (non-empty).
    public var name: String
    /// Addresses as typed in setup; notification checks each one when it sends and records a reason
    /// for those that are not addresses.
    public var addresses: [String]
    /// Practice ids the list follows; empty = every practice.
    public var practiceIDs: [String]
    /// Activity type ids the list follows; empty = every activity type.
    public var activityTypeIDs: [String]
    /// Which triggers the list receives, among ``knownEvents``.
    public var events: [String]
    /// `false` once retired: nothing is sent to it any more.
    public var active: Bool

    /// Key: `"mailing-list:<id>"`.
    public var aggregateID: String { "mailing-list:\(id)" }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        id: String, name: String, addresses: [String], practiceIDs: [String], activityTypeIDs: [String],
        events: [String], active: Bool
    ) {
        self.id = id
        self.name = name
        self.addresses = addresses
        self.practiceIDs = practiceIDs
        self.activityTypeIDs = activityTypeIDs
        self.events = events
        self.active = active
    }
}

extension MailingListSnapshot: PayloadValidating {
    /// A mailing list has an id and name and is triggered only by events notification knows.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(id, "id")
        check.nonEmpty(name, "name")
        for (index, event) in events.enumerated() {
            check.require(Self.knownEvents.contains(event), "events[\(index)] is not a known trigger: \(event)")
        }
    }
}
