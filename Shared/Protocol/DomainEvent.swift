/// A payload that travels as the `data` of a CloudEvents envelope.
///
/// Each conforming type is one versioned event type of the catalogue (``EventCodec/knownTypes``).
/// A breaking change to a payload is a new type with a new version suffix, never an edit.
public protocol DomainEvent: Codable, Sendable, Equatable {
    /// The CloudEvents `type`, versioned: `"ticket.opened.v1"`.
    static var eventType: String { get }
    /// The topic this event is published on.
    static var topic: Topic { get }
    /// The Kafka message key and the CloudEvents `subject`: all events of one aggregate share it,
    /// which keeps them in one partition and therefore in order.
    var aggregateID: String { get }
}
