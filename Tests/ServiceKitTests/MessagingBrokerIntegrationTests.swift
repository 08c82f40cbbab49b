import AriannaKafka
import AriannaProtocol
import Foundation
import GRDB
import Logging
import Testing

@testable import ServiceKit

/// Outbox relay → real broker → consumer with inbox and dead letters, in one process.
@Suite("BrokerIntegrationTests messaging", .serialized)
struct MessagingBrokerIntegrationTests {
    static func brokers() throws -> String {
        guard let brokers = ProcessInfo.processInfo.environment["ARIANNA_TEST_KAFKA_BROKERS"], !brokers.isEmpty else {
            throw TestSetupError("ARIANNA_TEST_KAFKA_BROKERS is not set: run the tests with `make test`")
        }
        return brokers
    }

    /// Records which operator snapshots were applied; the primary key would reject a second copy,
    /// so the count proves the inbox skipped duplicates before the handler ran.
    struct RecordingHandler: EventHandler {
        func handles(_ event: ReceivedEvent) -> Bool {
            if case .operatorSnapshot = event.event { return true }
            return false
        }
        func handle(_ event: ReceivedEvent, in db: Database) throws {
            guard case .operatorSnapshot(let snapshot) = event.event else { return }
            if snapshot.name == "reject me" { throw EventRejection("operator name is not acceptable") }
            try db.execute(
                sql: "INSERT INTO applied (eventID, operatorID) VALUES (?, ?)",
                arguments: [event.metadata.id, snapshot.operatorID])
        }
    }

    @Test func relayAndConsumer_applyEveryEventOnce_andDeadLetterThePoison() async throws {
        let brokers = try Self.brokers()
        let prefix = "sk-\(UUID().uuidString.prefix(8).lowercased())."
        let topics = TopicNames(prefix: prefix)
        let logger = Logger(label: "test")
        let client = KafkaClientConfiguration(bootstrapServers: brokers, clientID: "servicekit-test")
        try await KafkaAdmin.ensureTopics(
            [Topic.setup, .deadLetter].map { .init(name: topics.name(of: $0), partitions: 2, replicationFactor: 1) },
            configuration: client, timeout: .seconds(30), logger: logger)
        let producer = try KafkaProducer(configuration: client, logger: logger)

        // Given 20 events in a source outbox, relayed to the broker
        let source = try ServiceDatabase.inMemory { _ in }
        let outbox = OutboxWriter(source: "/arianna/test")
        try await source.write { db in
            for index in 0..<20 { try outbox.append(OperatorSnapshot.mock(id: "op-\(index)"), in: db) }
            try outbox.append(
                OperatorSnapshot(operatorID: "op-bad", name: "reject me", email: nil, groups: [], active: true), in: db)
        }
        let relay = Task {
            try await OutboxRelay(database: source, producer: producer, topicNames: topics, logger: logger).run()
        }
        defer { relay.cancel() }
        _ = try await waitFor("the outbox to be sent") {
            try await source.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE sentAt IS NULL")
            } == 0 ? true : nil
        }

        // and a redelivered copy of the first event, plus a message that is not JSON
        let first = try await source.read { db in
            try Row.fetchOne(db, sql: "SELECT messageKey, payload FROM outbox ORDER BY sequence LIMIT 1")
                .map { (key: $0["messageKey"] as String, payload: $0["payload"] as Data) }
        }
        let firstRow = try #require(first)
        _ = try await producer.send(
            KafkaOutgoingMessage(
                topic: topics.name(of: .setup), key: Array(firstRow.key.utf8), value: [UInt8](firstRow.payload)))
        _ = try await producer.send(
            KafkaOutgoingMessage(
                topic: topics.name(of: .setup), key: Array("junk".utf8), value: Array("not json {".utf8)))

        // When a consumer service with an inbox reads the topic
        let target = try ServiceDatabase.inMemory { migrator in
            migrator.registerMigration("test.applied") { db in
                try db.execute(sql: "CREATE TABLE applied (eventID TEXT NOT NULL, operatorID TEXT PRIMARY KEY)")
            }
        }
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: "\(prefix)group", topics: [topics.name(of: .setup)]),
            logger: logger)
        let service = EventConsumerService(
            consumer: consumer,
            deadLetters: DeadLetterPublisher(
                producer: producer, topicNames: topics, groupID: "\(prefix)group", logger: logger),
            database: target, handler: RecordingHandler(), logger: logger)
        let consuming = Task { try await service.run() }
        defer { consuming.cancel() }

        // Then every event is applied exactly once
        _ = try await waitFor("20 applied events") {
            try await target.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM applied") } == 20 ? true : nil
        }
        // and both the rejected event and the poison message reach the dead-letter topic with a reason
        let deadLetters = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: "\(prefix)dlq-reader", topics: [topics.name(of: .deadLetter)]),
            logger: logger)
        var reasons: [String] = []
        while reasons.count < 2 {
            let message = try #require(try await withTimeout(.seconds(30)) { try await deadLetters.next() } ?? nil)
            let reason = message.headers.first { $0.key == HeaderName.deadLetterReason }.map {
                String(decoding: $0.value, as: UTF8.self)
            }
            reasons.append(try #require(reason))
            #expect(
                message.headers.contains {
                    $0.key == HeaderName.originTopic
                        && String(decoding: $0.value, as: UTF8.self) == topics.name(of: .setup)
                })
        }
        await deadLetters.close()
        #expect(reasons.contains("operator name is not acceptable"))
        #expect(reasons.contains { $0.lowercased().contains("json") }, "\(reasons)")
        let inbox = try await target.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inbox") }
        #expect(inbox == 20)

        consuming.cancel()
        relay.cancel()
        await consumer.close()
        await producer.close()
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func waitFor<T: Sendable>(
    _ what: String, timeout: Duration = .seconds(60), _ probe: @Sendable () async throws -> T?
) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if let value = try await probe() { return value }
        try await Task.sleep(for: .milliseconds(100))
    }
    throw TestSetupError("timed out waiting for \(what)")
}

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
