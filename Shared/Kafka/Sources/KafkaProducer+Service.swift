public import ServiceLifecycle

/// A producer runs as a service so that the service group closes it (flushing what is queued)
/// after the services that send through it have stopped.
extension KafkaProducer: Service {
    /// Waits for graceful shutdown (or cancellation), then ``close()``s the producer.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }
}
