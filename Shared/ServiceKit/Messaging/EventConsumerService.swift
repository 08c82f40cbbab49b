import Foundation
import GRDB
public import Logging
import Metrics
public import ServiceLifecycle
public import AriannaKafka
import AriannaProtocol

/// Reads the service's topics and applies each event exactly once.
///
/// Per message: decode the CloudEvents envelope (a poison message goes to the dead-letter topic
/// and the partition keeps flowing); in one write transaction check the inbox, run the handler
/// and record the event id; only then store the offset. A transient fault (database busy, disk)
/// is retried with backoff without moving on, so nothing is skipped.
public struct EventConsumerService: Service {
    let consumer: KafkaConsumer
    let deadLetters: DeadLetterPublisher
    let database: ServiceDatabase
    let handler: any EventHandler
    let clock: ServiceClock
    let logger: Logger
    /// False on intake, which writes its API keys' grants itself in the same transaction as the
    /// change: re-applying its own older snapshots there could briefly revive a revoked key.
    let appliesAPIKeySnapshots: Bool

    public init(
        consumer: KafkaConsumer, deadLetters: DeadLetterPublisher, database: ServiceDatabase,
        handler: any EventHandler, clock: ServiceClock = .system, logger: Logger, appliesAPIKeySnapshots: Bool = true
    ) {
        self.consumer = consumer
        self.deadLetters = deadLetters
        self.database = database
        self.handler = handler
        self.clock = clock
        self.logger = logger
        self.appliesAPIKeySnapshots = appliesAPIKeySnapshots
    }

    public func run() async throws {
        let metrics = Metrics()
        do {
            try await cancelWhenGracefulShutdown {
                while let message = try await consumer.next() {
                    try await process(message, metrics: metrics)
                }
            }
        } catch is CancellationError {
            // Graceful shutdown: fall through to close.
        } catch let error as KafkaError where error.kind == .closed {
            // Closed underneath us during shutdown.
        }
        await consumer.close()
    }

    enum Outcome: Sendable { case applied, duplicate }

    /// The handles looked up once per consumer rather than once per message; the per-type
    /// counter of applied events stays per message because its dimension varies.
    struct Metrics {
        let duplicates = Counter(label: MetricName.eventsDuplicate)
        let handling = Timer(label: MetricName.eventHandlingSeconds)
    }

    /// Applies one message and stores its offset; returns only when the message is dealt with.
    func process(_ message: KafkaMessage, metrics: Metrics = Metrics()) async throws {
        var metadata: Logger.Metadata = [
            LogKey.topic: "\(message.topic)", LogKey.partition: "\(message.partition)",
            LogKey.offset: "\(message.offset)",
        ]
        let received: ReceivedEvent
        do {
            received = try EventCodec.decode(message.value)
        } catch {
            try await deadLetters.publish(message, reason: error.description)
            storeOffset(of: message)
            return
        }
        metadata[LogKey.eventID] = "\(received.metadata.id)"
        metadata[LogKey.eventType] = "\(received.metadata.type)"
        // ServiceKit's own events (an ended session, API keys and their use) are applied for
        // every service, handler or not.
        let isKitEvent = switch received.event {
        case .sessionEnded, .apiKeySnapshot, .apiKeyUsed: true
        default: false
        }
        guard isKitEvent || handler.handles(received) else {
            storeOffset(of: message)
            return
        }
        var backoff = Duration.milliseconds(50)
        while true {
            do {
                let handler = self.handler
                let applyKeys = appliesAPIKeySnapshots
                let now = clock.now()
                let started = ContinuousClock.now
                let outcome = try await database.write { db -> Outcome in
                    if try Inbox.contains(received.metadata.id, in: db) { return .duplicate }
                    switch received.event {
                    case .sessionEnded(let ended): try EndedSessions.record(ended, now: now, in: db)
                    case .apiKeySnapshot(let snapshot): if applyKeys { try APIKeyGrants.record(snapshot, in: db) }
                    case .apiKeyUsed(let used): try APIKeyUsage.record(used, in: db)
                    default: try handler.handle(received, in: db)
                    }
                    try Inbox.record(
                        eventID: received.metadata.id, eventType: received.metadata.type,
                        topic: message.topic, partition: message.partition, offset: message.offset,
                        at: now, in: db)
                    return .applied
                }
                switch outcome {
                case .applied:
                    Counter(label: MetricName.eventsConsumed, dimensions: [("type", received.metadata.type)]).increment()
                    metrics.handling.recordInterval(since: started)
                case .duplicate:
                    metrics.duplicates.increment()
                    logger.debug("skipping an event already applied", metadata: metadata)
                }
                break
            } catch let rejection as EventRejection {
                logger.warning("event rejected", metadata: metadata.merging([LogKey.error: "\(rejection)"]) { $1 })
                try await deadLetters.publish(message, reason: rejection.reason)
                break
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.error("applying an event failed; retrying", metadata: metadata.merging([
                    LogKey.error: "\(error)", "backoff": "\(backoff)"]) { $1 })
                try await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
        storeOffset(of: message)
    }

    /// Marks the message processed. Storing can fail when its partition was just reassigned to
    /// another member: that member re-reads the message, and its inbox skips it, so this is
    /// logged and otherwise ignored.
    private func storeOffset(of message: KafkaMessage) {
        do {
            try consumer.storeOffset(of: message)
        } catch {
            logger.notice("could not store the offset (partition reassigned?); the next owner will skip the event", metadata: [
                LogKey.topic: "\(message.topic)", LogKey.partition: "\(message.partition)",
                LogKey.offset: "\(message.offset)", LogKey.error: "\(error)"])
        }
    }
}

extension Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let (seconds, attoseconds) = elapsed.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
