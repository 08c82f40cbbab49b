import AriannaKafka
import AriannaPoisonCorpus
import AriannaProtocol
import Foundation
import GRDB
import Logging
import Testing

@testable import ServiceKit

/// The real consumer on the real broker fed the whole poison corpus between good events on one
/// partition: it does not stop, applies every good event (those after the poison too), and the
/// dead-letter topic holds each poison message exactly once with its reason — the 1 MiB one
/// as its first 64 KiB with size and hash.
@Suite("BrokerIntegrationTests poison corpus", .serialized)
struct PoisonConsumerBrokerTests {
    @Test func corpusBetweenGoodEvents_isDeadLetteredOnce_andThePartitionMovesOn() async throws {
        let brokers = try MessagingBrokerIntegrationTests.brokers()
        let prefix = "skp-\(UUID().uuidString.prefix(8).lowercased())."
        let topics = TopicNames(prefix: prefix)
        var logger = Logger(label: "test.poison")
        logger.logLevel = .error
        let client = KafkaClientConfiguration(bootstrapServers: brokers, clientID: "servicekit-poison-test")
        // One partition, so the good events after the poison are behind it on the same log.
        try await KafkaAdmin.ensureTopics(
            [Topic.setup, .deadLetter].map { .init(name: topics.name(of: $0), partitions: 1, replicationFactor: 1) },
            configuration: client, timeout: .seconds(30), logger: logger)
        var hostile = client
        hostile.extra["message.max.bytes"] = String(KafkaSizeLimits.hostileProducerMessageBytes)
        let attacker = try KafkaProducer(configuration: hostile, logger: logger)
        let producer = try KafkaProducer(configuration: client, logger: logger)
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("arianna-poison-\(UUID().uuidString)").appendingPathComponent("store.sqlite")
        let database = try ServiceDatabase(url: file) { migrator in
            migrator.registerMigration("test.applied") { db in
                try db.execute(sql: "CREATE TABLE applied (eventID TEXT NOT NULL, operatorID TEXT NOT NULL)")
            }
        }
        func publishGood(_ id: String) async throws {
            let snapshot = OperatorSnapshot.mock(id: id)
            let metadata = EventMetadata.new(
                for: snapshot, id: UUID().uuidString.lowercased(), source: "/arianna/test", time: Date())
            _ = try await producer.send(
                KafkaOutgoingMessage(
                    topic: topics.name(of: .setup), key: Array(id.utf8),
                    value: try EventCodec.encode(snapshot, metadata: metadata)))
        }

        // Given a good event, the whole corpus, then three good events, on one partition
        try await publishGood("op-before")
        let corpus = PoisonCorpus.messages(for: .setup, run: "skp", names: topics)
        for message in corpus { _ = try await attacker.send(message.record) }
        for index in 0..<3 { try await publishGood("op-after-\(index)") }

        // When one consumer group reads the topic
        let group = "\(prefix)arianna-test"
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: group, topics: [topics.name(of: .setup)]),
            logger: logger)
        let service = EventConsumerService(
            consumer: consumer,
            deadLetters: DeadLetterPublisher(producer: producer, topicNames: topics, groupID: group, logger: logger),
            database: database, handler: BatchConsumerBrokerTests.CountingHandler(transactions: .init()), logger: logger
        )
        let consuming = Task { try await service.run() }
        defer { consuming.cancel() }

        // Then every good event is applied, including those after the poison
        _ = try await waitFor("the four good events") {
            try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM applied") ?? 0 } >= 4
                ? true : nil
        }
        _ = try await waitFor("the offsets past every record") {
            let figures = try await consumer.lag()
            return figures.count == 1
                && figures.allSatisfy({ $0.lag == 0 && $0.highWatermark == Int64(corpus.count + 4) }) ? true : nil
        }
        let applied = try await database.read { db in
            try String.fetchAll(db, sql: "SELECT operatorID FROM applied ORDER BY rowid")
        }
        #expect(applied == ["op-before", "op-after-0", "op-after-1", "op-after-2"])

        // and the dead-letter topic holds exactly the corpus, once each, with reasons
        let expectations = corpus.map {
            PoisonExpectation(topic: $0.record.topic, id: $0.id, kind: $0.kind, groups: [group], prefix: prefix)
        }
        let tally = try await DeadLetterReader.collect(
            expecting: expectations, brokers: brokers, topics: topics, timeout: .seconds(60), settle: .seconds(2),
            logger: logger)
        #expect(tally.isExact, "\(tally.report(prefix: prefix))")
        let reasons = Dictionary(uniqueKeysWithValues: tally.rows.map { ($0.expectation.kind, $0.reasons.first ?? "") })
        #expect(reasons[.oversized]?.contains("above the 1000000-byte event limit") == true, "\(reasons)")
        #expect(reasons[.newerVersion] == "unknown event type 'setup.operator.v99'")

        // and the oversized one is its first 64 KiB, with the original size and hash
        let reader = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: "\(prefix)dl-reader", topics: [topics.name(of: .deadLetter)]),
            logger: logger)
        var oversized: KafkaMessage?
        while oversized == nil, let record = try await withTimeout(.seconds(30), { try await reader.next() }) ?? nil {
            if record.header(named: PoisonCorpus.kindHeader)?.stringValue == PoisonKind.oversized.rawValue {
                oversized = record
            }
        }
        await reader.close()
        let copy = try #require(oversized)
        let original = try #require(corpus.first { $0.kind == .oversized }).record
        #expect(copy.value == Array(original.value.prefix(DeadLetterCopy.keptBytesOfOversized)))
        #expect(copy.header(named: HeaderName.originalValueBytes)?.stringValue == String(original.value.count))
        #expect(copy.header(named: HeaderName.originalValueSHA256)?.stringValue?.count == 64)

        consuming.cancel()
        _ = try? await consuming.value
        await attacker.close()
        await producer.close()
    }
}
