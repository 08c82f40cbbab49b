import AriannaKafka
public import AriannaProtocol
import Foundation
public import Logging
import Synchronization

/// Reads a dead-letter topic from its beginning, with a fresh consumer group so nothing the
/// services or an earlier check did moves its start, into a ``DeadLetterTally``.
public enum DeadLetterReader {
    /// Reads until every expected record came and `settle` passed with nothing new (so late
    /// duplicates are seen), or `timeout` ran out.
    public static func collect(
        expecting expectations: [PoisonExpectation], brokers: String, topics: TopicNames,
        timeout: Duration, settle: Duration = .seconds(3), logger: Logger
    ) async throws -> DeadLetterTally {
        let topic = topics.name(of: .deadLetter)
        let client = KafkaClientConfiguration(bootstrapServers: brokers, clientID: "arianna-dead-letter-check")
        try await KafkaAdmin.ensureTopics(
            [.init(name: topic, partitions: 3, replicationFactor: 1)], configuration: client, timeout: .seconds(30),
            logger: logger)
        var configuration = KafkaConsumerConfiguration(
            client: client, groupID: "arianna-dead-letter-check-\(UUID().uuidString.prefix(8))", topics: [topic])
        configuration.startFromEarliest = true
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        let reading = Reading(DeadLetterTally(expecting: expectations))
        let reader = Task {
            while let record = try await consumer.next() {
                reading.state.withLock { state in
                    state.tally.count(record)
                    state.last = .now
                }
            }
        }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            let (complete, last) = reading.state.withLock { ($0.tally.allFound, $0.last) }
            if complete, ContinuousClock.now - last >= settle { break }
        }
        reader.cancel()
        _ = await reader.result
        await consumer.close()
        return reading.state.withLock { $0.tally }
    }

    /// The tally and when the last record came, shared by the reading task and the waiting one.
    final class Reading: Sendable {
        /// The dead-letter records counted so far and when the latest arrived (to know when the
        /// topic has settled), behind a lock because the reader task writes while the wait reads.
        let state: Mutex<(tally: DeadLetterTally, last: ContinuousClock.Instant)>
        /// Starts counting into `tally`, as if a record had just arrived (the settle time runs from now).
        init(_ tally: DeadLetterTally) { state = Mutex((tally, .now)) }
    }
}
