import AriannaKafka
import Foundation
import Testing

/// The adapter against a real broker (Tansu locally, Apache Kafka in production), whose
/// address `make test` puts in `ARIANNA_TEST_KAFKA_BROKERS`. Every test uses its own topics
/// and groups.
@Suite("BrokerIntegrationTests")
struct BrokerIntegrationTests {
    struct MissingBroker: Error, CustomStringConvertible {
        var description: String { "ARIANNA_TEST_KAFKA_BROKERS is not set: run the tests with `make test`" }
    }

    /// The broker's address; fails the test (never skips it) when it is not configured.
    static func brokers() throws -> String {
        guard let brokers = ProcessInfo.processInfo.environment["ARIANNA_TEST_KAFKA_BROKERS"], !brokers.isEmpty else {
            throw MissingBroker()
        }
        return brokers
    }

    static func client(_ role: String) throws -> KafkaClientConfiguration {
        KafkaClientConfiguration(bootstrapServers: try brokers(), clientID: TestSupport.unique("test-\(role)"))
    }

    /// Creates a fresh topic on the broker.
    static func makeTopic(partitions: Int = 1) async throws -> String {
        let topic = TestSupport.unique("it-topic")
        try await KafkaAdmin.ensureTopics(
            [.init(name: topic, partitions: partitions)],
            configuration: try client("admin"),
            timeout: .seconds(20),
            logger: TestSupport.logger("admin")
        )
        return topic
    }

    @Test func ensureTopics_calledTwice_succeedsBothTimes() async throws {
        // Given
        let topics: [KafkaAdmin.TopicSpecification] = [
            .init(name: TestSupport.unique("it-topic-a"), partitions: 3),
            .init(name: TestSupport.unique("it-topic-b"), partitions: 1)
        ]

        // When / Then
        try await KafkaAdmin.ensureTopics(
            topics, configuration: try Self.client("admin"), timeout: .seconds(20), logger: TestSupport.logger("admin"))
        try await KafkaAdmin.ensureTopics(
            topics, configuration: try Self.client("admin"), timeout: .seconds(20), logger: TestSupport.logger("admin"))

        // And the topic is usable
        let producer = try KafkaProducer(
            configuration: try Self.client("producer"), logger: TestSupport.logger("producer"))
        let report = try await producer.send(
            KafkaOutgoingMessage(topic: topics[0].name, key: Array("k".utf8), value: [1]))
        await producer.close()
        #expect(report.topic == topics[0].name)
        #expect((0..<3).contains(report.partition))
    }

    @Test func sendAndConsume_roundTripKeepsKeysHeadersAndOrder() async throws {
        // Given
        let topic = try await Self.makeTopic()
        let records = TestSupport.records(20, topic: topic)
        let producer = try KafkaProducer(
            configuration: try Self.client("producer"), logger: TestSupport.logger("producer"))
        var reports: [KafkaDeliveryReport] = []
        for record in records {
            reports.append(try await producer.send(record))
        }
        await producer.close()
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: try Self.client("consumer"), groupID: TestSupport.unique("it-group"), topics: [topic]),
            logger: TestSupport.logger("consumer")
        )

        // When
        let messages = try await TestSupport.read(records.count, from: consumer)
        await consumer.close()

        // Then
        #expect(messages.map(\.offset) == reports.map(\.offset))
        #expect(Set(reports.map(\.offset)).count == records.count)
        for (message, record) in zip(messages, records) {
            #expect(message.key == record.key)
            #expect(message.value == record.value)
            #expect(message.headers == record.headers)
            #expect(message.timestamp != nil)
        }
    }

    @Test func sendAndConsume_keylessAndEmptyRecordsAcrossPartitions() async throws {
        // Given: three partitions, records with and without keys, one without a value
        let topic = try await Self.makeTopic(partitions: 3)
        let records = (0..<12).map { index in
            KafkaOutgoingMessage(
                topic: topic,
                key: index.isMultiple(of: 2) ? nil : Array("key-\(index)".utf8),
                value: index == 5 ? [] : Array("value-\(index)".utf8)
            )
        }
        let producer = try KafkaProducer(
            configuration: try Self.client("producer"), logger: TestSupport.logger("producer"))
        var reports: [KafkaDeliveryReport] = []
        for record in records {
            reports.append(try await producer.send(record))
        }
        await producer.close()
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: try Self.client("consumer"), groupID: TestSupport.unique("it-group"), topics: [topic]),
            logger: TestSupport.logger("consumer")
        )

        // When
        let messages = try await TestSupport.read(records.count, from: consumer)
        await consumer.close()

        // Then: every record arrives once, in order within its partition
        let byPosition = Dictionary(uniqueKeysWithValues: messages.map { ("\($0.partition)/\($0.offset)", $0) })
        for (record, report) in zip(records, reports) {
            let message = try #require(byPosition["\(report.partition)/\(report.offset)"])
            #expect(message.key == record.key)
            #expect(message.value == record.value)
            #expect(message.headers.isEmpty)
        }
        for partition in Set(messages.map(\.partition)) {
            let offsets = messages.filter { $0.partition == partition }.map(\.offset)
            #expect(offsets == offsets.sorted())
        }
    }

    @Test func reopen_resumesAfterLastStoredOffset() async throws {
        // Given: eight records, of which the first member processes five
        let topic = try await Self.makeTopic()
        let producer = try KafkaProducer(
            configuration: try Self.client("producer"), logger: TestSupport.logger("producer"))
        for record in TestSupport.records(8, topic: topic) {
            _ = try await producer.send(record)
        }
        await producer.close()
        let configuration = KafkaConsumerConfiguration(
            client: try Self.client("consumer"),
            groupID: TestSupport.unique("it-group"),
            topics: [topic]
        )
        let first = try KafkaConsumer(configuration: configuration, logger: TestSupport.logger("consumer-1"))
        let delivered = try await TestSupport.read(8, from: first)
        for message in delivered.prefix(5) {
            try first.storeOffset(of: message)
        }
        await first.close()

        // When
        let second = try KafkaConsumer(configuration: configuration, logger: TestSupport.logger("consumer-2"))
        let redelivered = try await TestSupport.read(3, from: second)
        await second.close()

        // Then
        #expect(redelivered.map(\.offset) == Array(delivered.suffix(3).map(\.offset)))
        #expect(redelivered.map(\.value) == delivered.suffix(3).map(\.value))
    }
}

/// Batches and lag figures of the consumer against the real broker.
@Suite("BrokerIntegrationTests batches and lag")
struct ConsumerBatchBrokerTests {
    /// `count` records published on a new topic of two partitions, and a consumer configuration
    /// of a new group reading it.
    static func backlog(_ count: Int) async throws -> KafkaConsumerConfiguration {
        let topic = try await BrokerIntegrationTests.makeTopic(partitions: 2)
        let producer = try KafkaProducer(
            configuration: try BrokerIntegrationTests.client("producer"), logger: TestSupport.logger("producer"))
        for record in TestSupport.records(count, topic: topic) {
            _ = try await producer.send(record)
        }
        await producer.close()
        return KafkaConsumerConfiguration(
            client: try BrokerIntegrationTests.client("consumer"), groupID: TestSupport.unique("it-group"),
            topics: [topic])
    }

    @Test func nextBatch_takesTheBacklogInBoundedBatchesInPartitionOrder_andStoredBatchesResume() async throws {
        // Given 50 records on two partitions
        let configuration = try await Self.backlog(50)
        let first = try KafkaConsumer(configuration: configuration, logger: TestSupport.logger("consumer-1"))

        // When they are read in batches of at most 16
        var batches: [[KafkaMessage]] = []
        while batches.joined().count < 50 {
            let batch = try #require(
                try await withTimeout(.seconds(30)) {
                    try await first.nextBatch(maxCount: 16, maxWait: .milliseconds(50))
                })
            try #require(!batch.isEmpty)
            batches.append(batch)
        }

        // Then no batch exceeds the bound, at least one holds several records, and each
        // partition's offsets run 0, 1, 2… across the batches
        let all = Array(batches.joined())
        #expect(all.count == 50)
        #expect(batches.allSatisfy { $0.count <= 16 })
        #expect(batches.contains { $0.count > 1 })
        for partition in Set(all.map(\.partition)) {
            let offsets = all.filter { $0.partition == partition }.map(\.offset)
            #expect(offsets == Array(0..<Int64(offsets.count)))
        }

        // When the first batches are stored in one call each and the member leaves
        let processed = batches.prefix(2)
        for batch in processed { try first.storeOffsets(of: batch) }
        await first.close()

        // Then a new member gets exactly the rest
        let rest = 50 - processed.joined().count
        let second = try KafkaConsumer(configuration: configuration, logger: TestSupport.logger("consumer-2"))
        let redelivered = try await TestSupport.read(rest, from: second)
        await second.close()
        let expected = Set(batches.dropFirst(2).joined().map { "\($0.partition)/\($0.offset)" })
        #expect(Set(redelivered.map { "\($0.partition)/\($0.offset)" }) == expected)
    }

    @Test func nextBatch_withoutAWait_takesEveryRecordAlreadyFetched() async throws {
        // Given 50 records on two partitions
        let consumer = try KafkaConsumer(
            configuration: try await Self.backlog(50), logger: TestSupport.logger("consumer"))

        // When they are read with no wait at all (the services' default)
        var batches: [[KafkaMessage]] = []
        while batches.joined().count < 50 {
            let batch = try #require(
                try await withTimeout(.seconds(30)) { try await consumer.nextBatch(maxCount: 500, maxWait: .zero) })
            try #require(!batch.isEmpty)
            batches.append(batch)
        }
        await consumer.close()

        // Then a batch is what one fetch brought, not one record each (issue 13: a zero wait
        // used to end every batch at its first record, so a burst paid a transaction per event)
        #expect(batches.joined().count == 50)
        #expect(batches.count <= 10, "\(batches.map(\.count))")
    }

    @Test func lag_isTheUnprocessedBacklog_thenZeroOnceStored() async throws {
        // Given 40 records on two partitions and a member holding the first of them
        let consumer = try KafkaConsumer(
            configuration: try await Self.backlog(40), logger: TestSupport.logger("consumer"))
        var received = try await TestSupport.read(1, from: consumer)

        // When nothing is stored, the lag is the whole backlog
        let before = try await consumer.lag()
        #expect(before.map(\.partition) == [0, 1])
        #expect(before.reduce(0) { $0 + $1.lag } == 40)
        #expect(before.reduce(0) { $0 + $1.highWatermark } == 40)

        // When every record is read and stored, it is 0
        received += try await TestSupport.read(39, from: consumer)
        try consumer.storeOffsets(of: received)
        let after = try await consumer.lag()
        #expect(after.reduce(0) { $0 + $1.lag } == 0)
        #expect(after.allSatisfy { $0.position == $0.highWatermark })

        // and once the member has left, there is no figure to give
        try await consumer.commit()
        await consumer.close()
        await #expect(throws: KafkaError.self) { try await consumer.lag() }
    }
}

/// `work`'s result, or `nil` when it takes longer than `timeout`.
func withTimeout<T: Sendable>(_ timeout: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T?
{
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        let first = try await group.next() ?? nil
        group.cancelAll()
        return first
    }
}
