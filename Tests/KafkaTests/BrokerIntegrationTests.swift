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
            .init(name: TestSupport.unique("it-topic-b"), partitions: 1),
        ]

        // When / Then
        try await KafkaAdmin.ensureTopics(topics, configuration: try Self.client("admin"), timeout: .seconds(20), logger: TestSupport.logger("admin"))
        try await KafkaAdmin.ensureTopics(topics, configuration: try Self.client("admin"), timeout: .seconds(20), logger: TestSupport.logger("admin"))

        // And the topic is usable
        let producer = try KafkaProducer(configuration: try Self.client("producer"), logger: TestSupport.logger("producer"))
        let report = try await producer.send(KafkaOutgoingMessage(topic: topics[0].name, key: Array("k".utf8), value: [1]))
        await producer.close()
        #expect(report.topic == topics[0].name)
        #expect((0..<3).contains(report.partition))
    }

    @Test func sendAndConsume_roundTripKeepsKeysHeadersAndOrder() async throws {
        // Given
        let topic = try await Self.makeTopic()
        let records = TestSupport.records(20, topic: topic)
        let producer = try KafkaProducer(configuration: try Self.client("producer"), logger: TestSupport.logger("producer"))
        var reports: [KafkaDeliveryReport] = []
        for record in records {
            reports.append(try await producer.send(record))
        }
        await producer.close()
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: try Self.client("consumer"), groupID: TestSupport.unique("it-group"), topics: [topic]),
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
        let producer = try KafkaProducer(configuration: try Self.client("producer"), logger: TestSupport.logger("producer"))
        var reports: [KafkaDeliveryReport] = []
        for record in records {
            reports.append(try await producer.send(record))
        }
        await producer.close()
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: try Self.client("consumer"), groupID: TestSupport.unique("it-group"), topics: [topic]),
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
        let producer = try KafkaProducer(configuration: try Self.client("producer"), logger: TestSupport.logger("producer"))
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
