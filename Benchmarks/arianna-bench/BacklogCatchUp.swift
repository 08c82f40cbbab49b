import ArgumentParser
import AriannaKafka
import AriannaProtocol
import BillingService
import Foundation
import GRDB
import IntakeService
import Logging
import NotificationService
import PlannerService
import ServiceKit
import WebReportService

/// Backlog catch-up per consumer: publishes `count` valid `ticket.opened.v1` events (through the
/// producer, on a fresh topic prefix; for intake, `intake.request.v1` requests of a call-centre
/// system, each opening a ticket and answered), then, for each service and each batch size, starts that
/// service's consumer (its real handler and store, on a temporary on-disk database, in its own
/// consumer group) and times how fast it applies the backlog. The time runs from the first event
/// applied to the last (the inbox's `processedAt`), so joining the group is not counted.
/// `--batch-sizes 1,500` gives the one-at-a-time figure beside the batched one, in the same run.
/// `intake-events` is intake's consumer on what it catches up on after an outage: appointments
/// and closing interventions of tickets it holds (``IntakeEventsBacklog``, its own topics per run).
struct BacklogCatchUp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backlog")

    /// The Kafka brokers the backlog is published to and the consumers read from.
    @Option(help: "Kafka bootstrap servers.") var brokers = "127.0.0.1:9092"
    /// How many events the backlog holds before a consumer starts catching up.
    @Option(help: "Events in the backlog.") var count = 10_000
    /// Which services' consumers are timed, by name (`intake-events`: intake's own event consumer).
    @Option(
        help:
            "Services whose consumers catch up, comma-separated (planner, webreport, billing, notification, intake, intake-events)."
    )
    var services = "planner,webreport,billing,notification,intake,intake-events"
    /// The consumer batch sizes timed one after the other, so the one-at-a-time figure sits beside the batched one.
    @Option(help: "Consumer batch sizes to compare, comma-separated (1 = one event per transaction).")
    var batchSizes = "1,500"
    /// How long a consumer's poll waits to fill a batch before applying what it has.
    @Option(help: "How long a poll waits to fill a batch, in milliseconds.") var batchWaitMs = 5

    func run() async throws {
        var logger = Logger(label: "arianna.bench.backlog")
        logger.logLevel = .warning
        let rows = try services.split(separator: ",").map { name -> (name: String, definition: ServiceDefinition) in
            let name = name.trimmingCharacters(in: .whitespaces)
            return switch name {
            case "planner": (name, PlannerService.definition)
            case "webreport": (name, WebReportService.definition)
            case "billing": (name, BillingService.definition)
            case "notification": (name, NotificationService.definition)
            case "intake", "intake-events": (name, IntakeService.definition)
            default:
                throw ValidationError(
                    "unknown service '\(name)'; use planner, webreport, billing, notification, intake or intake-events")
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
            [Topic.tickets, .intakeRequests, .deadLetter].map {
                .init(name: names.name(of: $0), partitions: 3, replicationFactor: 1)
            },
            configuration: client, timeout: .seconds(60), logger: logger)
        let producer = try KafkaProducer(configuration: client, logger: logger)
        if rows.contains(where: { !$0.name.hasPrefix("intake") }) {
            let published = ContinuousClock.now
            try await publishBacklog(producer: producer, topics: names)
            print(
                "backlog: \(count) ticket.opened.v1 published in \(String(format: "%.2f", Self.seconds(ContinuousClock.now - published))) s"
            )
        }
        if rows.contains(where: { $0.name == "intake" }) {
            let published = ContinuousClock.now
            try await publishRequests(producer: producer, topics: names)
            print(
                "backlog: \(count) intake.request.v1 published in \(String(format: "%.2f", Self.seconds(ContinuousClock.now - published))) s"
            )
        }

        for row in rows {
            for size in sizes {
                let batching = ConsumerBatching(maxCount: size, maxWait: .milliseconds(batchWaitMs))
                let figure: String
                if row.name == "intake-events" {
                    // Its tickets live in each run's fresh store, so each run gets its own backlog and topics.
                    let own = TopicNames(prefix: "bench-backlog-\(UUID().uuidString.prefix(8).lowercased()).")
                    try await KafkaAdmin.ensureTopics(
                        (IntakeEventsBacklog.consumed + [.deadLetter]).map {
                            .init(name: own.name(of: $0), partitions: 3, replicationFactor: 1)
                        },
                        configuration: client, timeout: .seconds(60), logger: logger)
                    let backlog = IntakeEventsBacklog(tickets: count, producer: producer, topics: own)
                    figure = try await catchUp(
                        row.definition, name: row.name, consuming: IntakeEventsBacklog.consumed, events: backlog.events,
                        batching: batching, client: client, producer: producer, topics: own, logger: logger,
                        fill: backlog.fill, effects: backlog.effects)
                } else {
                    figure = try await catchUp(
                        row.definition, name: row.name, consuming: [row.name == "intake" ? .intakeRequests : .tickets],
                        events: count, batching: batching, client: client, producer: producer, topics: names,
                        logger: logger)
                }
                print("backlog catch-up \(row.name), batch \(size): \(figure)")
            }
        }
        await producer.close()
    }

    /// `count` tickets of a handful of customers and zones, keyed by ticket id, sent in chunks.
    private func publishBacklog(producer: KafkaProducer, topics: TopicNames) async throws {
        let run = UUID().uuidString.prefix(8).lowercased()
        let type = ActivityTypeRef(
            id: "type-repair", code: "REPAIR", name: "Riparazione", expectedDurationMinutes: 60, billable: true)
        let opened = Date()
        for chunk in stride(from: 0, to: count, by: 1000) {
            let messages = try (chunk..<min(chunk + 1000, count)).map { index -> KafkaOutgoingMessage in
                let ticket = TicketOpened(
                    ticketID: "bench-\(run)-\(index)", number: "2031/\(index + 1)", activityType: type,
                    customer: CustomerRef(
                        id: "customer-\(index % 50)", name: "Cliente \(index % 50)",
                        email: "cliente\(index % 50)@example.com"),
                    siteZone: ["Milano", "Como", "Monza"][index % 3],
                    description: "Caldaia in blocco, chiamata \(index)",
                    channel: .callCentre, openedAt: opened)
                let metadata = EventMetadata.new(
                    for: ticket, id: UUID().uuidString.lowercased(), source: "/arianna/intake", time: opened)
                return KafkaOutgoingMessage(
                    topic: topics.name(of: .tickets), key: Array(ticket.ticketID.utf8),
                    value: try EventCodec.encode(ticket, metadata: metadata))
            }
            let failures = await producer.sendAll(messages).filter { if case .failure = $0 { true } else { false } }
            guard failures.isEmpty else {
                throw ValidationError("the broker refused \(failures.count) events: \(failures[0])")
            }
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
                    siteZone: "Milano", description: "Caldaia in blocco, chiamata \(index)",
                    customFields: ["appliance": "Caldaia"])
                let metadata = EventMetadata.new(
                    for: request, id: UUID().uuidString.lowercased(), source: "/arianna-bench", time: Date(),
                    correlationID: request.requestID)
                return KafkaOutgoingMessage(
                    topic: topics.name(of: .intakeRequests), key: Array(request.requestID.utf8),
                    value: try EventCodec.encode(request, metadata: metadata))
            }
            let failures = await producer.sendAll(messages).filter { if case .failure = $0 { true } else { false } }
            guard failures.isEmpty else {
                throw ValidationError("the broker refused \(failures.count) requests: \(failures[0])")
            }
        }
    }

    /// One service's consumer on a fresh store and group, until the whole backlog of `events` on
    /// `consuming` is dealt with. `fill` runs on the prepared store before the consumer starts (it
    /// may publish the backlog) and says what it did; `effects` checks the store afterwards and says what it found.
    private func catchUp(
        _ definition: ServiceDefinition, name: String, consuming: [Topic], events: Int, batching: ConsumerBatching,
        client: KafkaClientConfiguration, producer: KafkaProducer, topics: TopicNames, logger: Logger,
        fill: (ServiceContext) async throws -> String? = { _ in nil },
        effects: (ServiceDatabase) async throws -> String? = { _ in nil }
    ) async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("arianna-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ServiceConfiguration(
            serviceName: definition.name, topicNames: topics,
            dataDirectory: folder.appendingPathComponent(definition.name),
            httpPort: 0)
        configuration.consumerBatching = batching
        let database = try ServiceDatabase(url: configuration.databaseURL, migrations: definition.migrations)
        let context = ServiceContext(configuration: configuration, database: database, logger: logger)
        try await definition.prepare(context)
        if let filled = try await fill(context) { print("backlog: \(filled)") }
        guard let handler = definition.makeHandler(context) else {
            throw ValidationError("\(definition.name) has no consumer")
        }
        let group = "bench-backlog-\(name)-\(batching.maxCount)-\(UUID().uuidString.prefix(8))"
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: group, topics: consuming.map(topics.name(of:))),
            logger: logger)
        let service = EventConsumerService(
            consumer: consumer,
            deadLetters: DeadLetterPublisher(producer: producer, topicNames: topics, groupID: group, logger: logger),
            database: database, handler: handler, logger: logger, appliesAPIKeySnapshots: !definition.ownsAPIKeys,
            batching: batching)
        let consuming = Task { try await service.run() }
        defer { consuming.cancel() }

        // Stops by itself: a generous bound of 30 s plus 10 ms per event.
        let deadline = ContinuousClock.now + .seconds(30) + .milliseconds(10 * events)
        while true {
            let figures = try await consumer.lag()
            let high = figures.reduce(Int64(0)) { $0 + $1.highWatermark }
            if high == Int64(events), figures.allSatisfy({ $0.lag == 0 }) { break }
            guard ContinuousClock.now < deadline else {
                throw ValidationError("\(definition.name) did not catch up in time")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        consuming.cancel()
        _ = try? await consuming.value

        let (applied, first, last) = try await database.read { db -> (Int, Date?, Date?) in
            let row = try Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS n, MIN(processedAt) AS first, MAX(processedAt) AS last FROM inbox")
            return (row?["n"] ?? 0, row?["first"], row?["last"])
        }
        guard applied > 1, let first, let last, last > first else {
            return "\(applied) of \(events) applied; too few to time"
        }
        let seconds = last.timeIntervalSince(first)
        let figure = String(
            format: "%d of %d applied in %.2f s: %.0f events/s", applied, events, seconds, Double(applied - 1) / seconds
        )
        return try await effects(database).map { "\(figure); \($0)" } ?? figure
    }

    /// `duration` in seconds, for the events-per-second figures.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
