public import AriannaKafka
public import Foundation
import Synchronization

/// The consumer's latest lag figures, shared between the monitor that measures them and the
/// health route that shows them. Empty until the first measurement (or for a service without
/// a consumer).
public final class ConsumerLag: Sendable {
    /// One measurement of every partition assigned to this service's consumer.
    public struct Snapshot: Sendable, Codable, Equatable {
        /// Records waiting over all assigned partitions.
        public var total: Int64
        /// Records waiting per topic.
        public var topics: [String: Int64]
        /// When the figures were taken.
        public var measuredAt: Date

        /// Sums per-partition figures by topic.
        public init(partitions: [KafkaPartitionLag], measuredAt: Date) {
            var topics: [String: Int64] = [:]
            for partition in partitions { topics[partition.topic, default: 0] += partition.lag }
            self.topics = topics
            self.total = topics.values.reduce(0, +)
            self.measuredAt = measuredAt
        }
    }

    private let latest = Mutex<Snapshot?>(nil)

    /// An empty figure board.
    public init() {}

    /// The latest measurement, `nil` before the first.
    public var snapshot: Snapshot? { latest.withLock { $0 } }

    /// Replaces the figures with a new measurement.
    public func update(_ snapshot: Snapshot) {
        latest.withLock { $0 = snapshot }
    }
}
