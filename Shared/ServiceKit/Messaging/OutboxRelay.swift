public import AriannaKafka
public import AriannaProtocol
import Foundation
import GRDB
public import Logging
import Metrics
public import ServiceLifecycle

/// Publishes the outbox in order and marks a row sent only after the broker acknowledged it.
///
/// A crash between the delivery report and the mark republishes the row on restart; consumers
/// drop the duplicate by its event id (inbox), so delivery is at-least-once and effects are
/// exactly-once. Rows go out in batches: all of a batch is handed to librdkafka at once (the
/// idempotent producer keeps their order per partition), then the relay awaits every report.
///
/// Marking is not on the publishing path: the relay remembers the last sequence it delivered
/// and reads the next batch after it at once, while `SentMarks` writes `sentAt` behind it, one
/// write at a time, coalescing. So a burst's batches are not held up by the store's writer,
/// which the service's own transactions keep busy (issue 13: the replies of a 10,000-request
/// burst drained at the pace of one mark per consumer batch). A crash loses at most the marks
/// not yet written: those rows are published again, which the inboxes absorb.
public struct OutboxRelay: Service {
    /// The store whose outbox is published.
    let database: ServiceDatabase
    /// The service's one producer.
    let producer: KafkaProducer
    /// Turns each row's topic into the deployment's topic name.
    let topicNames: TopicNames
    /// Where publishing failures are reported.
    let logger: Logger
    /// Most rows handed to librdkafka in one round.
    let batchSize: Int
    /// How long the relay waits for the doorbell before looking at the outbox again.
    let idlePoll: Duration
    /// Test-only fault injection, see `ServiceConfiguration.killAfterPublishing`.
    let killAfterPublishing: Int?

    /// The relay of one service's outbox: `batchSize` rows per round, polling every `idlePoll`
    /// when the doorbell stays silent.
    public init(
        database: ServiceDatabase, producer: KafkaProducer, topicNames: TopicNames, logger: Logger,
        batchSize: Int = 1_000, idlePoll: Duration = .milliseconds(500), killAfterPublishing: Int? = nil
    ) {
        self.database = database
        self.producer = producer
        self.topicNames = topicNames
        self.logger = logger
        self.batchSize = batchSize
        self.idlePoll = idlePoll
        self.killAfterPublishing = killAfterPublishing
    }

    /// One unsent outbox row, as the relay publishes it.
    struct PendingRow: Sendable {
        /// The row's place in the outbox, marked sent once acknowledged.
        let sequence: Int64
        /// The CloudEvents id, also sent as the `ce_id` header.
        let eventID: String
        /// The topic's name in the deployment.
        let topic: String
        /// The aggregate id, so one aggregate's events stay in one partition, in order.
        let key: String
        /// The CloudEvents envelope as JSON.
        let payload: [UInt8]
    }

    /// Publishes until graceful shutdown, then finishes the batch in flight and its mark.
    public func run() async throws {
        let published = Counter(label: MetricName.outboxPublished)
        let marks = SentMarks(database: database, logger: logger)
        // The last sequence this run delivered; every row up to it is acknowledged by the broker
        // (marked sent, or about to be by `marks`), so the next read starts after it.
        var delivered: Int64 = 0
        var deliveredSinceStart = 0
        var backoff = Duration.milliseconds(100)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let rows = try await unsentRows(after: delivered)
                if rows.isEmpty {
                    await database.outboxDoorbell.wait(timeout: idlePoll)
                    continue
                }
                let sent = try await publish(rows)
                deliveredSinceStart += sent.count
                if let limit = killAfterPublishing, deliveredSinceStart >= limit {
                    logger.critical(
                        "fault injection: killing the process after publishing, before marking sent",
                        metadata: ["delivered": "\(deliveredSinceStart)"])
                    kill(getpid(), SIGKILL)
                }
                // The delivered rows are a prefix, in order, of all unsent rows (sequences only
                // grow), so marking up to the last one marks exactly them.
                if let last = sent.last {
                    delivered = last
                    await marks.mark(upTo: last)
                }
                published.increment(by: sent.count)
                backoff = .milliseconds(100)
            } catch is CancellationError {
                break
            } catch {
                logger.warning(
                    "outbox relay failed; retrying",
                    metadata: [
                        LogKey.error: "\(error)", "backoff": "\(backoff)"
                    ])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
        await marks.finish()
    }

    /// Up to `batchSize` unsent rows after `sequence`, in order (the `outbox_unsent` index).
    private func unsentRows(after sequence: Int64) async throws -> [PendingRow] {
        try await database.read { [batchSize] db in
            try OutboxTable.table
                .select(
                    OutboxTable.Columns.sequence, OutboxTable.Columns.eventID, OutboxTable.Columns.topic,
                    OutboxTable.Columns.messageKey, OutboxTable.Columns.payload
                )
                .filter(OutboxTable.Columns.sentAt == nil && OutboxTable.Columns.sequence > sequence)
                .order(OutboxTable.Columns.sequence)
                .limit(batchSize)
                .fetchAll(db)
                .map { row in
                    PendingRow(
                        sequence: row["sequence"], eventID: row["eventID"], topic: row["topic"],
                        key: row["messageKey"], payload: [UInt8](row["payload"] as Data))
                }
        }
    }

    /// Hands the rows to librdkafka in order (`sendAll` enqueues them in sequence, then awaits
    /// every report) and returns the sequences delivered up to the first failure: the rest are
    /// retried on the next round, so nothing is marked sent out of order.
    private func publish(_ rows: [PendingRow]) async throws -> [Int64] {
        let messages = rows.map { row in
            KafkaOutgoingMessage(
                topic: topicNames.prefix + row.topic, key: Array(row.key.utf8), value: row.payload,
                headers: [KafkaHeader(key: HeaderName.eventID, value: Array(row.eventID.utf8))])
        }
        let results = await producer.sendAll(messages)
        var delivered: [Int64] = []
        for (row, result) in zip(rows, results) {
            if case .failure(let error) = result {
                logger.warning(
                    "outbox delivery failed; will retry",
                    metadata: [
                        LogKey.eventID: "\(row.eventID)", LogKey.error: "\(error)"
                    ])
                break
            }
            delivered.append(row.sequence)
        }
        return delivered
    }
}
