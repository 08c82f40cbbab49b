/// A decoded message: the envelope's attributes and the typed payload.
///
/// This is what the Kafka adapter hands to event handlers, so handlers never see Kafka types
/// and tests can build one directly.
public struct ReceivedEvent: Sendable, Equatable {
    /// The CloudEvents attributes (`id` is the inbox deduplication key).
    public let metadata: EventMetadata
    /// The payload, already validated.
    public let event: AriannaEvent

    /// Builds a received event, e.g. to feed a handler in a test without a broker.
    public init(metadata: EventMetadata, event: AriannaEvent) {
        self.metadata = metadata
        self.event = event
    }
}
