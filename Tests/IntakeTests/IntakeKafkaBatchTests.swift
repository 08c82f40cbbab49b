import AriannaKafka
import AriannaProtocol
import Foundation
import GRDB
import Logging
import Synchronization
import Testing

@testable import IntakeService
@testable import ServiceKit

/// Intake's Kafka channel applies a burst of requests in batches on the real broker: one ticket
/// per distinct valid request, one reply per request written to the outbox with it, repeated
/// request ids answered with the same ticket, invalid requests answered "rejected".
@Suite("BrokerIntegrationTests intake requests in batches", .serialized)
struct IntakeKafkaBatchTests {
    /// The intake handler, counting the write transactions it runs in.
    struct CountingTransactions: EventHandler {
        final class Count: Sendable {
            let state = Mutex((open: false, commits: 0))
            var commits: Int { state.withLock { $0.commits } }
        }
        let inner: any EventHandler
        let count = Count()

        func handles(_ event: ReceivedEvent) -> Bool { inner.handles(event) }

        func handle(_ event: ReceivedEvent, in db: Database) throws {
            let first = count.state.withLock { state -> Bool in
                defer { state.open = true }
                return !state.open
            }
            if first {
                let count = self.count
                db.afterNextTransaction { _ in
                    count.state.withLock {
                        $0.open = false
                        $0.commits += 1
                    }
                } onRollback: { _ in
                    count.state.withLock { $0.open = false }
                }
            }
            try inner.handle(event, in: db)
        }
    }

    @Test func burstOfRequests_isAppliedInBatches_withOneReplyEachAndNoDuplicateTicket() async throws {
        guard let brokers = ProcessInfo.processInfo.environment["ARIANNA_TEST_KAFKA_BROKERS"], !brokers.isEmpty else {
            Issue.record("ARIANNA_TEST_KAFKA_BROKERS is not set: run the tests with `make test`")
            return
        }
        var logger = Logger(label: "test.intake.batch")
        logger.logLevel = .notice
        let topics = TopicNames(prefix: "ib-\(UUID().uuidString.prefix(8).lowercased()).")
        let client = KafkaClientConfiguration(bootstrapServers: brokers, clientID: "intake-batch-test")
        try await KafkaAdmin.ensureTopics(
            [Topic.intakeRequests, .deadLetter].map {
                .init(name: topics.name(of: $0), partitions: 2, replicationFactor: 1)
            },
            configuration: client, timeout: .seconds(30), logger: logger)
        let producer = try KafkaProducer(configuration: client, logger: logger)

        // Given a burst of 80 requests: 70 valid ones, 5 of them sent twice, and 5 without a customer
        var messages: [KafkaOutgoingMessage] = []
        func request(_ id: String, valid: Bool) throws -> KafkaOutgoingMessage {
            let request = IntakeRequested(
                requestID: id, system: "callcentre-north", activityTypeCode: "REPAIR",
                customer: valid ? .init(name: "Rossi Impianti \(id)", email: "rossi@example.com") : nil,
                siteZone: "Milano", description: valid ? "Caldaia in blocco" : nil,
                customFields: ["appliance": "Caldaia"])
            let metadata = EventMetadata.new(
                for: request, id: UUID().uuidString.lowercased(), source: "/callcentre-north", time: Date(),
                correlationID: id)
            return KafkaOutgoingMessage(
                topic: topics.name(of: .intakeRequests), key: Array(id.utf8),
                value: try EventCodec.encode(request, metadata: metadata))
        }
        for index in 0..<70 {
            messages.append(try request("cc-\(index)", valid: true))
            if index % 14 == 0 { messages.append(try request("cc-\(index)", valid: true)) }
        }
        for index in 0..<5 { messages.append(try request("cc-bad-\(index)", valid: false)) }
        for result in await producer.sendAll(messages) { _ = try result.get() }

        // When intake's consumer (its real handler, a SQLite file) takes the backlog
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-batch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = ServiceConfiguration(
            serviceName: "intake", topicNames: topics, dataDirectory: folder, httpPort: 0)
        let database = try ServiceDatabase(
            url: configuration.databaseURL, migrations: IntakeService.definition.migrations)
        let context = ServiceContext(configuration: configuration, database: database, logger: logger)
        try await DefaultSetup.installIfEmpty(context)
        let handler = CountingTransactions(inner: try #require(IntakeService.definition.makeHandler(context)))
        let group = "\(topics.name(of: .intakeRequests))-intake"
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: group, topics: [topics.name(of: .intakeRequests)]),
            logger: logger)
        let service = EventConsumerService(
            consumer: consumer,
            deadLetters: DeadLetterPublisher(producer: producer, topicNames: topics, groupID: group, logger: logger),
            database: database, handler: handler, logger: logger, appliesAPIKeySnapshots: false,
            batching: ConsumerBatching(maxCount: 500, maxWait: .milliseconds(50)))
        let consuming = Task { try await service.run() }
        defer { consuming.cancel() }
        let deadline = ContinuousClock.now + .seconds(60)
        while try await database.read({ db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inbox") ?? 0 }) < 80 {
            try #require(ContinuousClock.now < deadline, "the burst was not applied within 60 s")
            try await Task.sleep(for: .milliseconds(100))
        }

        // Then every request has exactly one reply, written in the outbox with its ticket
        let replies = try await database.read { db in
            try Data.fetchAll(
                db, sql: "SELECT payload FROM outbox WHERE eventType = ? ORDER BY sequence",
                arguments: [IntakeReplied.eventType])
        }.compactMap { data -> IntakeReplied? in
            if case .intakeReplied(let reply) = try EventCodec.decode([UInt8](data)).event { return reply }
            return nil
        }
        #expect(replies.count == 80)
        let accepted = replies.filter { $0.status == .accepted }
        #expect(accepted.count == 75, "\(replies.first { $0.status == .rejected }?.reasons ?? [])")
        #expect(Set(accepted.map(\.requestID)).count == 70)
        #expect(replies.filter { $0.status == .rejected }.count == 5)
        // a repeated request id is answered with the same ticket, never a second one
        #expect(Set(accepted.compactMap(\.ticketID)).count == 70)
        let tickets = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? -1 }
        #expect(tickets == 70)
        let opened = try await database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM outbox WHERE eventType = ?", arguments: [TicketOpened.eventType]) ?? -1
        }
        #expect(opened == 70)
        // in a handful of transactions rather than one per request
        #expect(handler.count.commits < 20, "\(handler.count.commits) transactions for 80 requests")

        consuming.cancel()
        _ = try? await consuming.value
        await producer.close()
    }
}
