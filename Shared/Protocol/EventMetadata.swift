public import Foundation

/// CloudEvents 1.0 context attributes (structured JSON mode) plus our `correlationid` extension.
///
/// Property names are the CloudEvents attribute names, so they read the same in Swift, in the
/// JSON on the wire and in `docs/asyncapi.yaml`.
public struct EventMetadata: Sendable, Equatable, Codable {
    /// Always `"1.0"` for what we produce; decoding rejects anything else.
    public var specversion: String
    /// Unique per event (the inbox deduplicates on it); a producer's retry reuses it.
    public var id: String
    /// The producing service, e.g. `"/arianna/intake"`, or an external system's URI.
    public var source: String
    /// The event type, e.g. `"ticket.opened.v1"`; must be in ``EventCodec/knownTypes`` to decode.
    public var type: String
    /// The aggregate id (also the Kafka key); optional in CloudEvents, always set by
    /// ``new(for:id:source:time:correlationID:)``.
    public var subject: String?
    /// When the fact happened; on the wire RFC 3339 UTC with milliseconds.
    public var time: Date
    /// `"application/json"`.
    public var datacontenttype: String
    /// Ties together the events caused by one request (e.g. an external intake request and all it led to).
    public var correlationid: String?

    /// Builds metadata with `specversion` `"1.0"` and `datacontenttype` `"application/json"`.
    public init(id: String, source: String, type: String, subject: String?, time: Date, correlationID: String?) {
        self.specversion = "1.0"
        self.id = id
        self.source = source
        self.type = type
        self.subject = subject
        self.time = time
        self.datacontenttype = "application/json"
        self.correlationid = correlationID
    }

    /// Metadata for `event`: its type comes from `E.eventType` and its subject from `event.aggregateID`,
    /// so the two can never disagree with the payload.
    public static func new<E: DomainEvent>(
        for event: E, id: String, source: String, time: Date, correlationID: String? = nil
    ) -> EventMetadata {
        EventMetadata(
            id: id, source: source, type: E.eventType, subject: event.aggregateID, time: time,
            correlationID: correlationID)
    }
}
