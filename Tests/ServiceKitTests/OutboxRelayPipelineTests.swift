import AriannaKafka
import AriannaProtocol
import Foundation
import GRDB
import Logging
import Testing

@testable import ServiceKit

/// The relay publishes batch after batch while the store's writer is busy with the service's own
/// transactions: marking rows sent happens behind it (issue 13), on the real broker.
@Suite("BrokerIntegrationTests outbox relay pipeline", .serialized)
struct OutboxRelayPipelineTests {
    @Test func theRelay_publishesEveryBatch_whileTheWriterIsHeld_andMarksThemAfterwards() async throws {
        let brokers = try MessagingBrokerIntegrationTests.brokers()
        let prefix = "relay-\(UUID().uuidString.prefix(8).lowercased())."
        let topics = TopicNames(prefix: prefix)
        let logger = Logger(label: "test")
        let client = KafkaClientConfiguration(bootstrapServers: brokers, clientID: "relay-pipeline-test")
        try await KafkaAdmin.ensureTopics(
            [.init(name: topics.name(of: .setup), partitions: 1, replicationFactor: 1)],
            configuration: client, timeout: .seconds(30), logger: logger)
        let producer = try KafkaProducer(configuration: client, logger: logger)

        // Given 30 events in an on-disk store's outbox (WAL: reads go on while a write is held)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relay-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ServiceDatabase(url: folder.appendingPathComponent("store.sqlite")) { _ in }
        let outbox = OutboxWriter(source: "/arianna/test")
        try await store.write { db in
            for index in 0..<30 { try outbox.append(OperatorSnapshot.mock(id: "op-\(index)"), in: db) }
        }
        // and a consumer already in its group
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: "\(prefix)reader", topics: [topics.name(of: .setup)]),
            logger: logger)

        // When another transaction holds the store's writer
        let release = DispatchSemaphore(value: 0)
        let (held, holding) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await store.writer.write { _ in
                holding.yield()
                _ = release.wait(timeout: .now() + 60)
            }
        }
        for await _ in held { break }
        // and the relay runs with batches of 5
        let relay = Task {
            try await OutboxRelay(
                database: store, producer: producer, topicNames: topics, logger: logger, batchSize: 5
            ).run()
        }

        // Then all 30 events reach the broker, six batches, before the writer is free again
        var received: Set<String> = []
        while received.count < 30 {
            let message = try #require(
                try await withTimeout(.seconds(60)) { try await consumer.next() } ?? nil,
                "only \(received.count) of 30 events arrived while the writer was held")
            let id = message.headers.first { $0.key == HeaderName.eventID }.map {
                String(decoding: $0.value, as: UTF8.self)
            }
            received.insert(try #require(id))
        }
        let unsentWhileHeld = try await store.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE sentAt IS NULL")
        }
        #expect(unsentWhileHeld == 30, "no mark can commit while the writer is held")

        // and once it is free, every row is marked sent
        release.signal()
        try await holder.value
        _ = try await waitFor("the outbox marked sent") {
            try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE sentAt IS NULL")
            } == 0 ? true : nil
        }
        relay.cancel()
        await consumer.close()
    }
}
