public import ServiceLifecycle

/// A consumer runs as a service so that the service group closes it (leaving the group and
/// committing stored offsets) on shutdown; ``KafkaConsumer/messages`` then ends, which lets the
/// processing loop finish.
extension KafkaConsumer: Service {
    /// Waits for graceful shutdown (or cancellation), then ``close()``s the consumer.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }
}
