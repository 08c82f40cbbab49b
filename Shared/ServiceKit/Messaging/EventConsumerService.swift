public import AriannaKafka
import AriannaProtocol
import Foundation
import GRDB
public import Logging
import Metrics
public import ServiceLifecycle
import Synchronization

/// Reads the service's topics and applies each event exactly once, a batch at a time.
///
/// Per batch (up to `batching.maxCount` records one poll gives, see ``ConsumerBatching``):
/// decode each CloudEvents envelope (a record above ``KafkaSizeLimits/maximumEventBytes`` is
/// poison without being decoded); in one write transaction, for every decoded event, check
/// the inbox, run the handler and record the event id; after the commit dead-letter the poison
/// messages (not decodable) and only then store the offsets. When the handler rejects an event
/// the batch is rolled back, the events before it are applied together again, the rejected one
/// alone (dead-lettered as before) and the rest as a new batch; any other fault sends the batch
/// down the one-at-a-time path, which retries a transient fault (database busy, disk) with
/// backoff without moving on, so nothing is skipped and nothing is applied twice.
public struct EventConsumerService: Service {
    /// Reads the service's topics and stores offsets once a batch has committed.
    let consumer: KafkaConsumer
    /// Where poison records and rejected events go.
    let deadLetters: DeadLetterPublisher
    /// The store the handler writes to, with the inbox in the same transaction.
    let database: ServiceDatabase
    /// The service's reaction to each event.
    let handler: any EventHandler
    /// Stamps inbox rows and ages out ended sessions.
    let clock: ServiceClock
    /// Where applied, skipped and dead-lettered events are logged.
    let logger: Logger
    /// False on intake, which writes its API keys' grants itself in the same transaction as the
    /// change: re-applying its own older snapshots there could briefly revive a revoked key.
    let appliesAPIKeySnapshots: Bool
    /// How many records one transaction may take and how long a poll waits to fill it.
    let batching: ConsumerBatching

    /// The consumer of one service; `ServiceRuntime.buildApplication` builds it from the definition.
    public init(
        consumer: KafkaConsumer, deadLetters: DeadLetterPublisher, database: ServiceDatabase,
        handler: any EventHandler, clock: ServiceClock = .system, logger: Logger, appliesAPIKeySnapshots: Bool = true,
        batching: ConsumerBatching = ConsumerBatching()
    ) {
        self.consumer = consumer
        self.deadLetters = deadLetters
        self.database = database
        self.handler = handler
        self.clock = clock
        self.logger = logger
        self.appliesAPIKeySnapshots = appliesAPIKeySnapshots
        self.batching = batching
    }

    /// Consumes until graceful shutdown, then commits the stored offsets and leaves the group.
    public func run() async throws {
        let metrics = Metrics()
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    let batch = try await consumer.nextBatch(maxCount: batching.maxCount, maxWait: batching.maxWait)
                    if batch.isEmpty { break }
                    try await apply(batch, metrics: metrics)
                }
            }
        } catch is CancellationError {
            // Graceful shutdown: fall through to close.
        } catch let error as KafkaError where error.kind == .closed {
            // Closed underneath us during shutdown.
        }
        await consumer.close()
    }

    /// What applying one event did: its effects, or nothing because the inbox had it.
    enum Outcome: Sendable {
        /// `applied`: the handler wrote its effects and the inbox now has the event; `duplicate`:
        /// the inbox already had it (a redelivery), so nothing was written again.
        case applied, duplicate
    }

    /// The handles looked up once per consumer rather than once per message; the per-type
    /// counters of applied events once per event type.
    struct Metrics {
        /// Events the inbox already had.
        let duplicates = Counter(label: MetricName.eventsDuplicate)
        /// Time spent applying each transaction.
        let handling = Timer(label: MetricName.eventHandlingSeconds)
        /// Records per transaction.
        let batchSize = Recorder(label: MetricName.eventBatchSize)
        /// Applied events, per type.
        let consumed = ConsumedCounters()
    }

    /// `arianna_events_consumed_total{type}` per event type, made on first use.
    final class ConsumedCounters: Sendable {
        private let counters = Mutex<[String: Counter]>([:])

        /// Counts one applied event of `type`.
        func increment(_ type: String) {
            let counter = counters.withLock { counters in
                if let counter = counters[type] { return counter }
                let counter = Counter(label: MetricName.eventsConsumed, dimensions: [("type", type)])
                counters[type] = counter
                return counter
            }
            counter.increment()
        }
    }

    /// One consumed record and what it turned out to be.
    struct Delivery: Sendable {
        /// What the record's bytes turned out to be.
        enum Content: Sendable {
            /// Not a CloudEvents envelope we can read: dead-lettered with `reason`.
            case poison(reason: String)
            /// An event this service does not handle: acknowledged without a transaction.
            case ignored
            /// An event to apply.
            case event(ReceivedEvent)
        }
        /// The record as consumed (its offset is stored once applied).
        let message: KafkaMessage
        /// What to do with it.
        let content: Content
    }

    /// The batch transaction stopped at `index` (an index of the batch being applied).
    struct BatchFailure: Error {
        /// The position in the batch of the event that failed.
        let index: Int
        /// What failed: a rejection or a transient fault.
        let underlying: any Error
    }

    /// Applies `messages` (one poll's worth) and stores their offsets; returns only when every
    /// one is dealt with.
    func apply(_ messages: [KafkaMessage], metrics: Metrics = Metrics()) async throws {
        let deliveries = messages.map(classify)
        metrics.batchSize.record(deliveries.count)
        var rest = deliveries[...]
        while !rest.isEmpty {
            do {
                try await applyTogether(rest, metrics: metrics)
                return
            } catch let failure as BatchFailure where failure.underlying is EventRejection {
                // Everything before the rejected event again as one batch, the rejected one on
                // its own (dead-lettered exactly as before), then go on with the rest.
                let before = rest[..<failure.index]
                if !before.isEmpty {
                    do {
                        try await applyTogether(before, metrics: metrics)
                    } catch is BatchFailure {
                        try await applyOneByOne(before, metrics: metrics)
                    }
                }
                try await process(rest[failure.index], metrics: metrics)
                rest = rest[(failure.index + 1)...]
            } catch let failure as BatchFailure {
                logger.warning(
                    "a batch failed; applying its events one at a time",
                    metadata: [
                        LogKey.error: "\(failure.underlying)", "batch": "\(rest.count)"
                    ])
                try await applyOneByOne(rest, metrics: metrics)
                return
            }
        }
    }

    /// Decodes the envelope and decides whether this service applies it.
    func classify(_ message: KafkaMessage) -> Delivery {
        // No event Arianna publishes is this big (the producers refuse it): a hostile or broken
        // producer's record, however well-formed, is not applied.
        guard message.value.count <= KafkaSizeLimits.maximumEventBytes else {
            return Delivery(
                message: message,
                content: .poison(
                    reason:
                        "message of \(message.value.count) bytes is above the \(KafkaSizeLimits.maximumEventBytes)-byte event limit"
                ))
        }
        let received: ReceivedEvent
        do {
            received = try EventCodec.decode(message.value)
        } catch {
            return Delivery(message: message, content: .poison(reason: error.description))
        }
        // ServiceKit's own events (an ended session, API keys and their use) are applied for
        // every service, handler or not.
        let isKitEvent =
            switch received.event {
            case .sessionEnded, .apiKeySnapshot, .apiKeyUsed: true
            default: false
            }
        guard isKitEvent || handler.handles(received) else { return Delivery(message: message, content: .ignored) }
        return Delivery(message: message, content: .event(received))
    }

    /// One write transaction for every event of `deliveries`, then the dead letters, then the
    /// offsets. Throws ``BatchFailure`` (nothing written) when an event cannot be applied.
    private func applyTogether(_ deliveries: ArraySlice<Delivery>, metrics: Metrics) async throws {
        let events = deliveries.indices.compactMap {
            index -> (index: Int, message: KafkaMessage, event: ReceivedEvent)? in
            guard case .event(let received) = deliveries[index].content else { return nil }
            return (index, deliveries[index].message, received)
        }
        if !events.isEmpty {
            let handler = self.handler
            let applyKeys = appliesAPIKeySnapshots
            let clock = self.clock
            let started = ContinuousClock.now
            let outcomes: [(type: String, outcome: Outcome)]
            do {
                outcomes = try await database.write { db in
                    try events.map { item in
                        do {
                            let outcome = try Self.apply(
                                item.event, from: item.message, handler: handler, applyKeys: applyKeys,
                                now: clock.now(), in: db)
                            return (item.event.metadata.type, outcome)
                        } catch {
                            throw BatchFailure(index: item.index, underlying: error)
                        }
                    }
                }
            } catch let failure as BatchFailure {
                // A graceful stop met inside the transaction (GRDB checks the task): rolled back,
                // offsets not stored, so the partition's next owner applies the batch; not a fault.
                if failure.underlying is CancellationError { throw CancellationError() }
                throw failure
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // The commit itself failed (disk, busy): nothing was written.
                throw BatchFailure(index: events[0].index, underlying: error)
            }
            record(outcomes, since: started, metrics: metrics)
        }
        for delivery in deliveries {
            if case .poison(let reason) = delivery.content {
                try await deadLetters.publish(delivery.message, reason: reason)
            }
        }
        storeOffsets(of: deliveries.map(\.message))
    }

    private func applyOneByOne(_ deliveries: ArraySlice<Delivery>, metrics: Metrics) async throws {
        for delivery in deliveries {
            try await process(delivery, metrics: metrics)
        }
    }

    /// Applies one message and stores its offset; returns only when the message is dealt with.
    func process(_ message: KafkaMessage, metrics: Metrics = Metrics()) async throws {
        try await process(classify(message), metrics: metrics)
    }

    /// The one-at-a-time path: its own transaction, retried with backoff on a transient fault;
    /// a rejected event is dead-lettered.
    private func process(_ delivery: Delivery, metrics: Metrics) async throws {
        let message = delivery.message
        var metadata: Logger.Metadata = [
            LogKey.topic: "\(message.topic)", LogKey.partition: "\(message.partition)",
            LogKey.offset: "\(message.offset)"
        ]
        let received: ReceivedEvent
        switch delivery.content {
        case .poison(let reason):
            try await deadLetters.publish(message, reason: reason)
            storeOffsets(of: [message])
            return
        case .ignored:
            storeOffsets(of: [message])
            return
        case .event(let event):
            received = event
        }
        metadata[LogKey.eventID] = "\(received.metadata.id)"
        metadata[LogKey.eventType] = "\(received.metadata.type)"
        var backoff = Duration.milliseconds(50)
        while true {
            do {
                let handler = self.handler
                let applyKeys = appliesAPIKeySnapshots
                let now = clock.now()
                let started = ContinuousClock.now
                let outcome = try await database.write { db -> Outcome in
                    try Self.apply(received, from: message, handler: handler, applyKeys: applyKeys, now: now, in: db)
                }
                record([(received.metadata.type, outcome)], since: started, metrics: metrics)
                if outcome == .duplicate {
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
                logger.error(
                    "applying an event failed; retrying",
                    metadata: metadata.merging([
                        LogKey.error: "\(error)", "backoff": "\(backoff)"
                    ]) { $1 })
                try await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
        storeOffsets(of: [message])
    }

    /// Inside the caller's write transaction: skip an event already in the inbox, otherwise
    /// apply it and record it there.
    private static func apply(
        _ received: ReceivedEvent, from message: KafkaMessage, handler: any EventHandler, applyKeys: Bool,
        now: Date, in db: Database
    ) throws -> Outcome {
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

    /// Counts the outcomes of one committed transaction; its time is shared out over the events
    /// it applied, so the handling timer stays a per-event figure.
    private func record(
        _ outcomes: [(type: String, outcome: Outcome)], since started: ContinuousClock.Instant, metrics: Metrics
    ) {
        let elapsed = ContinuousClock.now - started
        let applied = outcomes.filter { $0.outcome == .applied }
        for outcome in outcomes {
            switch outcome.outcome {
            case .applied:
                metrics.consumed.increment(outcome.type)
                metrics.handling.recordElapsed(elapsed / max(1, applied.count))
            case .duplicate:
                metrics.duplicates.increment()
            }
        }
    }

    /// Marks the messages processed. Storing can fail when a partition was just reassigned to
    /// another member: that member re-reads the messages, and its inbox skips them, so this is
    /// logged and otherwise ignored.
    private func storeOffsets(of messages: [KafkaMessage]) {
        do {
            try consumer.storeOffsets(of: messages)
        } catch {
            let last = messages.last
            logger.notice(
                "could not store the offsets (partition reassigned?); the next owner will skip the events",
                metadata: [
                    LogKey.topic: "\(last?.topic ?? "")", LogKey.partition: "\(last?.partition ?? -1)",
                    LogKey.offset: "\(last?.offset ?? -1)", LogKey.error: "\(error)"
                ])
        }
    }
}

/// How the consumer groups records into one transaction: up to `maxCount` records, waiting at
/// most `maxWait` after the first for more. One record per transaction (`maxCount` 1) is the
/// old behaviour. The defaults (500, no wait) take what librdkafka has already fetched: a
/// backlog still comes hundreds at a time (a fetch brings many records at once), while a lone
/// event is applied at once instead of waiting out a timer it cannot fill (issue 13).
public struct ConsumerBatching: Sendable, Equatable {
    /// The most records applied in one transaction.
    public var maxCount: Int
    /// How long a poll waits for more records once it has one.
    public var maxWait: Duration

    /// Batches of up to `maxCount` records, waiting up to `maxWait` to fill one.
    public init(maxCount: Int = 500, maxWait: Duration = .zero) {
        self.maxCount = max(1, maxCount)
        self.maxWait = max(.zero, maxWait)
    }
}

extension Timer {
    /// Records `elapsed` at nanosecond precision.
    func recordElapsed(_ elapsed: Duration) {
        let (seconds, attoseconds) = elapsed.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
