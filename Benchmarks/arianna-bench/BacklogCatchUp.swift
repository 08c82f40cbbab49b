import ArgumentParser
import BillingService
import Foundation
import GRDB
import IntakeService
import Logging
import NotificationService
import PlannerService
import ServiceKit
import WebReportService
import AriannaKafka
import AriannaProtocol

/// Backlog catch-up per consumer: publishes `count` valid `ticket.opened.v1` events (through the
/// producer, on a fresh topic prefix; for intake, `intake.request.v1` requests of a call-centre
/// system, each opening a ticket and answered), then, for each service and each batch size, starts that
/// service's consumer (its real handler and store, on a temporary on-disk database, in its own
/// consumer group) and times how fast it applies the backlog. The time runs from the first event
/// applied to the last (the inbox's `processedAt`), so joining the group is not counted.
/// `--batch-sizes 1,500` gives the one-at-a-time figure beside the batched one, in the same run.
struct BacklogCatchUp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backlog")

    @Option(help: "Kafka bootstrap servers.") var brokers = "127.0.0.1:9092"
    @Option(help: "Events in the backlog.") var count = 10_000
    @Option(help: "Services whose consumers catch up, comma-separated (planner, webreport, billing, notification, intake).")
    var services = "planner,webreport,billing,notification,intake"
    @Option(help: "Consumer batch sizes to compare, comma-separated (1 = one event per transaction).")
    var batchSizes = "1,500"
    @Option(help: "How long a poll waits to fill a batch, in milliseconds.") var batchWaitMs = 5

    func run() async throws {
        var logger = Logger(label: "arianna.bench.backlog")
        logger.logLevel = .warning
        let definitions = try services.split(separator: ",").map { name -> ServiceDefinition in
            switch name.trimmingCharacters(in: .whitespaces) {
            case "planner": PlannerService.definition
            case "webreport": WebReportService.definition
            case "billing": BillingService.definition
            case "notification": NotificationService.definition
            case "intake": IntakeService.definition
            default: throw ValidationError("unknown service '\(name)'; use planner, webreport, billing, notification or intake")
            }
        }
        let sizes = try batchSizes.split(separator: ",").map { value in
            guard let size = Int(value.trimmingCharacters(in: .whitespaces)), size > 0 else {
                throw ValidationError("batch sizes are positive numbers, not '\(value)'")
            }
            return size
        }
        guard count > 0 else { throw ValidationError("--count must be positive") }

        let names = TopicNames(prefix: "bench-backlog-\(UUID().uuidString.prefix(8).lowercased()).")
        let client = KafkaClientConfiguration(bootstrapServers: brokers, clientID: "arianna-bench-backlog")
        try await KafkaAdmin.ensureTopics(
            [Topic.tickets, .intakeRequests, .deadLetter].map { .init(name: names.name(of: $0), partitions: 3, replicationFactor: 1) },
            configuration: client, timeout: .seconds(60), logger: logger)
        let producer = try KafkaProducer(configuration: client, logger: logger)
        if definitions.contains(where: { $0.name != "intake" }) {
            let published = ContinuousClock.now
            try await publishBacklog(producer: producer, topics: names)
            print("backlog: \(count) ticket.opened.v1 published in \(String(format: "%.2f", Self.seconds(ContinuousClock.now - published))) s")
        }
        if definitions.contains(where: { $0.name == "intake" }) {
            let published = ContinuousClock.now
            try await publishRequests(producer: producer, topics: names)
            print("backlog: \(count) intake.request.v1 published in \(String(format: "%.2f", Self.seconds(ContinuousClock.now - published))) s")
        }

        for definition in definitions {
            let topic: Topic = definition.name == "intake" ? .intakeRequests : .tickets
            for size in sizes {
                let figure = try await catchUp(
                    definition, topic: topic, batching: ConsumerBatching(maxCount: size, maxWait: .milliseconds(batchWaitMs)),
                    client: client, producer: producer, topics: names, logger: logger)
                print("backlog catch-up \(definition.name), batch \(size): \(figure)")
            }
        }
        await producer.close()
    }

    /// `count` tickets of a handful of customers and zones, keyed by ticket id, sent in chunks.
    private func publishBacklog(producer: KafkaProducer, topics: TopicNames) async throws {
        let run = UUID().uuidString.prefix(8).lowercased()
        let type = ActivityTypeRef(id: "type-repair", code: "REPAIR", name: "Riparazione", expectedDurationMinutes: 60, billable: true)
        let opened = Date()
        for chunk in stride(from: 0, to: count, by: 1000) {
            let messages = try (chunk..<min(chunk + 1000, count)).map { index -> KafkaOutgoingMessage in
                let ticket = TicketOpened(
                    ticketID: "bench-\(run)-\(index)", number: "2031/\(index + 1)", activityType: type,
                    customer: CustomerRef(id: "customer-\(index % 50)", name: "Cliente \(index % 50)", email: "cliente\(index % 50)@example.com"),
                    siteZone: ["Milano", "Como", "Monza"][index % 3], description: "Caldaia in blocco, chiamata \(index)",
                    channel: .callCentre, openedAt: opened)
                let metadata = EventMetadata.new(for: ticket, id: UUID().uuidString.lowercased(), source: "/arianna/intake", time: opened)
                return KafkaOutgoingMessage(
                    topic: topics.name(of: .tickets), key: Array(ticket.ticketID.utf8),
                    value: try EventCodec.encode(ticket, metadata: metadata))
            }
            let failures = await producer.sendAll(messages).filter { if case .failure = $0 { true } else { false } }
            guard failures.isEmpty else { throw ValidationError("the broker refused \(failures.count) events: \(failures[0])") }
        }
    }

    /// `count` valid requests of a call-centre system, keyed by request id, sent in chunks.
    private func publishRequests(producer: KafkaProducer, topics: TopicNames) async throws {
        let run = UUID().uuidString.prefix(8).lowercased()
        for chunk in stride(from: 0, to: count, by: 1000) {
            let messages = try (chunk..<min(chunk + 1000, count)).map { index -> KafkaOutgoingMessage in
                let request = IntakeRequested(
                    requestID: "bench-\(run)-\(index)", system: "arianna-bench", activityTypeCode: "REPAIR",
                    customer: .init(name: "Cliente \(index % 50)", email: "cliente\(index % 50)@example.com"),
                    siteZone: "Milano", description: "Caldaia in blocco, chiamata \(index)", customFields: ["appliance": "Caldaia"])
                let metadata = EventMetadata.new(
                    for: request, id: UUID().uuidString.lowercased(), source: "/arianna-bench", time: Date(), correlationID: request.requestID)
                return KafkaOutgoingMessage(
                    topic: topics.name(of: .intakeRequests), key: Array(request.requestID.utf8),
                    value: try EventCodec.encode(request, metadata: metadata))
            }
            let failures = await producer.sendAll(messages).filter { if case .failure = $0 { true } else { false } }
            guard failures.isEmpty else { throw ValidationError("the broker refused \(failures.count) requests: \(failures[0])") }
        }
    }

    /// One service's consumer on a fresh store and group, until the whole backlog is dealt with.
    private func catchUp(
        _ definition: ServiceDefinition, topic: Topic, batching: ConsumerBatching, client: KafkaClientConfiguration,
        producer: KafkaProducer, topics: TopicNames, logger: Logger
    ) async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("arianna-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ServiceConfiguration(
            serviceName: definition.name, topicNames: topics, dataDirectory: folder.appendingPathComponent(definition.name),
            httpPort: 0)
        configuration.consumerBatching = batching
        let database = try ServiceDatabase(url: configuration.databaseURL, migrations: definition.migrations)
        let context = ServiceContext(configuration: configuration, database: database, logger: logger)
        try await definition.prepare(context)
        guard let handler = definition.makeHandler(context) else { throw ValidationError("\(definition.name) has no consumer") }
        let group = "bench-backlog-\(definition.name)-\(batching.maxCount)-\(UUID().uuidString.prefix(8))"
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: client, groupID: group, topics: [topics.name(of: topic)]),
            logger: logger)
        let service = EventConsumerService(
            consumer: consumer,
            deadLetters: DeadLetterPublisher(producer: producer, topicNames: topics, groupID: group, logger: logger),
            database: database, handler: handler, logger: logger, appliesAPIKeySnapshots: !definition.ownsAPIKeys,
            batching: batching)
        let consuming = Task { try await service.run() }
        defer { consuming.cancel() }

        // Stops by itself: a generous bound of 30 s plus 10 ms per event.
        let deadline = ContinuousClock.now + .seconds(30) + .milliseconds(10 * count)
        while true {
            let figures = try await consumer.lag()
            let high = figures.reduce(Int64(0)) { $0 + $1.highWatermark }
            if high == Int64(count), figures.allSatisfy({ $0.lag == 0 }) { break }
            guard ContinuousClock.now < deadline else { throw ValidationError("\(definition.name) did not catch up in time") }
            try await Task.sleep(for: .milliseconds(200))
        }
        consuming.cancel()
        _ = try? await consuming.value

        let (applied, first, last) = try await database.read { db -> (Int, Date?, Date?) in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, MIN(processedAt) AS first, MAX(processedAt) AS last FROM inbox")
            return (row?["n"] ?? 0, row?["first"], row?["last"])
        }
        guard applied > 1, let first, let last, last > first else {
            return "\(applied) of \(count) applied; too few to time"
        }
        let seconds = last.timeIntervalSince(first)
        return String(format: "%d of %d applied in %.2f s: %.0f events/s", applied, count, seconds, Double(applied - 1) / seconds)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
