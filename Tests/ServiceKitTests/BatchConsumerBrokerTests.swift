import AriannaKafka
import AriannaProtocol
import Foundation
import GRDB
import Logging
import Synchronization
import Testing

@testable import ServiceKit

/// Batch apply on the real broker and a SQLite file: a backlog with a poison message, a rejected
/// event, a redelivered copy and an injected transaction failure in the middle; every good event
/// applied once, the bad ones dead-lettered once, the offsets past everything.
@Suite("BrokerIntegrationTests batch apply", .serialized)
struct BatchConsumerBrokerTests {
    /// Counts the write transactions that applied events, committed or rolled back: a handler
    /// registers one callback on the first event of each transaction.
    final class TransactionCount: Sendable {
        private struct State {
            var registered = false
            var commits = 0
            var rollbacks = 0
            var handled = 0
            var failedOnce = false
        }
        private let state = Mutex(State())

        func noteEvent(in db: Database) {
            let first = state.withLock { state -> Bool in
                state.handled += 1
                if state.registered { return false }
                state.registered = true
                return true
            }
            guard first else { return }
            db.afterNextTransaction { _ in
                self.state.withLock {
                    $0.registered = false
                    $0.commits += 1
                }
            } onRollback: { _ in
                self.state.withLock {
                    $0.registered = false
                    $0.rollbacks += 1
                }
            }
        }

        /// True the first time only: the injected transient fault.
        func failsNow() -> Bool {
            state.withLock { state in
                defer { state.failedOnce = true }
                return !state.failedOnce
            }
        }

        var commits: Int { state.withLock { $0.commits } }
        var rollbacks: Int { state.withLock { $0.rollbacks } }
    }

    /// Applies operator snapshots into `applied` (no unique key, so a second application would
    /// show as a second row); rejects the operator named "reject me"; fails once, as a transient
    /// fault, on the operator named "fail once".
    struct CountingHandler: EventHandler {
        let transactions: TransactionCount

        func handles(_ event: ReceivedEvent) -> Bool {
            if case .operatorSnapshot = event.event { return true }
            return false
        }

        func handle(_ event: ReceivedEvent, in db: Database) throws {
            guard case .operatorSnapshot(let snapshot) = event.event else { return }
            transactions.noteEvent(in: db)
            try db.execute(
                sql: "INSERT INTO applied (eventID, operatorID) VALUES (?, ?)",
                arguments: [event.metadata.id, snapshot.operatorID])
            if snapshot.name == "reject me" { throw EventRejection("operator name is not acceptable") }
            if snapshot.name == "fail once", transactions.failsNow() {
                throw TestSetupError("disk hiccup (injected)")
            }
        }
    }

    struct Setup {
        let prefix: String
        let topics: TopicNames
        let client: KafkaClientConfiguration
        let producer: KafkaProducer
        let database: ServiceDatabase
        let logger: Logger

        init() async throws {
            let brokers = try MessagingBrokerIntegrationTests.brokers()
            let prefix = "skb-\(UUID().uuidString.prefix(8).lowercased())."
            let topics = TopicNames(prefix: prefix)
            var logger = Logger(label: "test.batch")
            logger.logLevel = .notice
            let client = KafkaClientConfiguration(bootstrapServers: brokers, clientID: "servicekit-batch-test")
            try await KafkaAdmin.ensureTopics(
                [Topic.setup, .deadLetter].map {
                    .init(name: topics.name(of: $0), partitions: 2, replicationFactor: 1)
                },
                configuration: client, timeout: .seconds(30), logger: logger)
            let file = FileManager.default.temporaryDirectory
                .appendingPathComponent("arianna-batch-\(UUID().uuidString)").appendingPathComponent("store.sqlite")
            self.database = try ServiceDatabase(url: file) { migrator in
                migrator.registerMigration("test.applied") { db in
                    try db.execute(sql: "CREATE TABLE applied (eventID TEXT NOT NULL, operatorID TEXT NOT NULL)")
                }
            }
            self.producer = try KafkaProducer(configuration: client, logger: logger)
            self.prefix = prefix
            self.topics = topics
            self.client = client
            self.logger = logger
        }

        /// Publishes one operator snapshot straight to the setup topic; returns its bytes.
        @discardableResult
        func publish(_ snapshot: OperatorSnapshot, key: String) async throws -> [UInt8] {
            let metadata = EventMetadata.new(
                for: snapshot, id: UUID().uuidString.lowercased(), source: "/arianna/test", time: Date())
            let payload = try EventCodec.encode(snapshot, metadata: metadata)
            try await publish(payload, key: key)
            return payload
        }

        func publish(_ bytes: [UInt8], key: String) async throws {
            _ = try await producer.send(
                KafkaOutgoingMessage(topic: topics.name(of: .setup), key: Array(key.utf8), value: bytes))
        }

        func consumer(group: String) throws -> KafkaConsumer {
            try KafkaConsumer(
                configuration: KafkaConsumerConfiguration(
                    client: client, groupID: "\(prefix)\(group)", topics: [topics.name(of: .setup)]),
                logger: logger)
        }

        func service(_ consumer: KafkaConsumer, group: String, handler: any EventHandler) -> EventConsumerService {
            EventConsumerService(
                consumer: consumer,
                deadLetters: DeadLetterPublisher(
                    producer: producer, topicNames: topics, groupID: "\(prefix)\(group)", logger: logger),
                database: database, handler: handler, logger: logger,
                batching: ConsumerBatching(maxCount: 500, maxWait: .milliseconds(50)))
        }

        func count(_ sql: String) async throws -> Int {
            try await database.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
        }

        /// Waits until every assigned partition's stored position is its high watermark, and
        /// returns the figures.
        func waitForNoLag(_ consumer: KafkaConsumer, records: Int64) async throws -> [KafkaPartitionLag] {
            try await waitFor("the offsets past every record") {
                let figures = try await consumer.lag()
                let total = figures.reduce(Int64(0)) { $0 + $1.highWatermark }
                return figures.count == 2 && total == records && figures.allSatisfy({ $0.lag == 0 }) ? figures : nil
            }
        }
    }

    @Test func backlogWithPoisonRejectionAndDuplicate_appliesEveryGoodEventOnce_inFewTransactions() async throws {
        let setup = try await Setup()
        // Given a backlog of 40 good events on two partitions, with in the middle a message that
        // is not JSON, an event the handler rejects and a redelivered copy of an applied event
        var copy: [UInt8] = []
        for index in 0..<40 {
            let key = "k\(index % 2)"
            let payload = try await setup.publish(OperatorSnapshot.mock(id: "op-\(index)"), key: key)
            if index == 5 { copy = payload }
            if index == 15 { try await setup.publish(Array("not json {".utf8), key: key) }
            if index == 25 {
                try await setup.publish(
                    OperatorSnapshot(operatorID: "op-bad", name: "reject me", email: nil, groups: [], active: true),
                    key: key)
            }
            if index == 30 { try await setup.publish(copy, key: "k1") }
        }

        // When one consumer service applies the backlog
        let transactions = TransactionCount()
        let consumer = try setup.consumer(group: "group")
        let service = setup.service(consumer, group: "group", handler: CountingHandler(transactions: transactions))
        let consuming = Task { try await service.run() }
        defer { consuming.cancel() }

        // Then every good event is applied exactly once and recorded in the inbox
        _ = try await waitFor("40 applied events") {
            try await setup.count("SELECT COUNT(*) FROM applied") >= 40 ? true : nil
        }
        let figures = try await setup.waitForNoLag(consumer, records: 43)
        #expect(try await setup.count("SELECT COUNT(*) FROM applied") == 40)
        #expect(try await setup.count("SELECT COUNT(DISTINCT operatorID) FROM applied") == 40)
        #expect(try await setup.count("SELECT COUNT(*) FROM inbox") == 40)
        #expect(try await setup.count("SELECT COUNT(*) FROM applied WHERE operatorID = 'op-bad'") == 0)
        // in a handful of transactions, one of them rolled back by the rejection
        #expect(transactions.commits < 20, "\(transactions.commits) transactions for 40 events")
        #expect(transactions.rollbacks >= 1)
        #expect(figures.allSatisfy { $0.position == $0.highWatermark })

        // and the poison message and the rejected event reach the dead-letter topic once each
        let reasons = try await Self.deadLetterReasons(setup, expecting: 2)
        #expect(reasons.count == 2, "\(reasons)")
        #expect(reasons.contains("operator name is not acceptable"))
        #expect(reasons.contains { $0.lowercased().contains("json") }, "\(reasons)")

        consuming.cancel()
        _ = try? await consuming.value
        await setup.producer.close()
    }

    @Test func transactionFailureMidBatch_andRedeliveryOfEverything_applyNothingTwice() async throws {
        let setup = try await Setup()
        // Given 30 events, the 12th of which meets a transient fault the first time it is applied
        for index in 0..<30 {
            let snapshot =
                index == 12
                ? OperatorSnapshot(operatorID: "op-\(index)", name: "fail once", email: nil, groups: [], active: true)
                : OperatorSnapshot.mock(id: "op-\(index)")
            try await setup.publish(snapshot, key: "k\(index % 2)")
        }

        // When a consumer applies them (the failed batch is rolled back and retried one by one)
        let transactions = TransactionCount()
        let handler = CountingHandler(transactions: transactions)
        let first = try setup.consumer(group: "first")
        let firstService = setup.service(first, group: "first", handler: handler)
        let firstRun = Task { try await firstService.run() }
        _ = try await setup.waitForNoLag(first, records: 30)
        firstRun.cancel()
        _ = try? await firstRun.value
        #expect(transactions.rollbacks >= 1)
        #expect(try await setup.count("SELECT COUNT(*) FROM applied") == 30)

        // and then everything is delivered again, as after a crash that lost the offsets
        // (a new group starts from the earliest record) on the same store
        let second = try setup.consumer(group: "second")
        let secondService = setup.service(second, group: "second", handler: handler)
        let secondRun = Task { try await secondService.run() }
        defer { secondRun.cancel() }
        _ = try await setup.waitForNoLag(second, records: 30)

        // Then nothing was applied twice
        #expect(try await setup.count("SELECT COUNT(*) FROM applied") == 30)
        #expect(try await setup.count("SELECT COUNT(DISTINCT eventID) FROM applied") == 30)
        #expect(try await setup.count("SELECT COUNT(*) FROM inbox") == 30)
        secondRun.cancel()
        _ = try? await secondRun.value
        await setup.producer.close()
    }

    /// The dead-letter topic's reasons: waits for `expecting`, then 2 s more for any extra copy.
    static func deadLetterReasons(_ setup: Setup, expecting: Int) async throws -> [String] {
        let reader = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: setup.client, groupID: "\(setup.prefix)dlq-reader", topics: [setup.topics.name(of: .deadLetter)]
            ),
            logger: setup.logger)
        var reasons: [String] = []
        while reasons.count < expecting {
            let message = try #require(try await withTimeout(.seconds(30)) { try await reader.next() } ?? nil)
            reasons.append(Self.reason(of: message))
        }
        while let extra = try await withTimeout(.seconds(2), { try await reader.next() }) ?? nil {
            reasons.append(Self.reason(of: extra))
        }
        await reader.close()
        return reasons
    }

    static func reason(of message: KafkaMessage) -> String {
        message.headers.first { $0.key == HeaderName.deadLetterReason }.map {
            String(decoding: $0.value, as: UTF8.self)
        } ?? "?"
    }
}
