public import AriannaKafka
import Foundation
public import Logging
import Metrics
public import ServiceLifecycle

/// Measures the consumer's lag on a timer: `arianna_consumer_lag{topic,partition}` on
/// `/metrics` and the per-topic figures of ``ConsumerLag`` on the health route. A timer, not a
/// per-record count, because the high watermark moves with every producer and the committed
/// offsets take a broker request.
public struct ConsumerLagMonitor: Service {
    /// The consumer whose positions are compared with the partitions' ends.
    let consumer: KafkaConsumer
    /// Where the latest measurement is kept for the health route.
    let figures: ConsumerLag
    /// Time between two measurements.
    let interval: Duration
    /// Stamps each measurement.
    let clock: ServiceClock
    /// Where a failed measurement is reported.
    let logger: Logger

    /// Measures every `interval` (5 s by default) until graceful shutdown.
    public init(
        consumer: KafkaConsumer, figures: ConsumerLag, interval: Duration = .seconds(5), clock: ServiceClock = .system,
        logger: Logger
    ) {
        self.consumer = consumer
        self.figures = figures
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    /// Measures until graceful shutdown; a failed measurement is logged and retried next time.
    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                var shown: Set<PartitionName> = []
                while !Task.isCancelled {
                    shown = await measure(replacing: shown)
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            // Graceful shutdown.
        }
    }

    private struct PartitionName: Hashable {
        let topic: String
        let partition: Int32
    }

    /// One measurement; returns the partitions now on the gauge. A partition handed to another
    /// member reads 0 here (its new owner reports it).
    private func measure(replacing shown: Set<PartitionName>) async -> Set<PartitionName> {
        let partitions: [KafkaPartitionLag]
        do {
            partitions = try await consumer.lag()
        } catch {
            if error.kind != .closed {
                logger.debug("could not measure the consumer lag", metadata: [LogKey.error: "\(error)"])
            }
            return shown
        }
        var now: Set<PartitionName> = []
        for partition in partitions {
            let name = PartitionName(topic: partition.topic, partition: partition.partition)
            now.insert(name)
            gauge(name).record(partition.lag)
        }
        for name in shown.subtracting(now) { gauge(name).record(0) }
        figures.update(ConsumerLag.Snapshot(partitions: partitions, measuredAt: clock.now()))
        return now
    }

    private func gauge(_ name: PartitionName) -> Gauge {
        Gauge(label: MetricName.consumerLag, dimensions: [("topic", name.topic), ("partition", "\(name.partition)")])
    }
}
