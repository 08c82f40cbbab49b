import ArgumentParser
import AriannaKafka
import AriannaProtocol
import Foundation
import GRDB
import Logging
import NotificationService
import ServiceKit

/// Issue 13, scaling out: the same backlog of `count` `ticket.opened.v1` events (a fresh topic
/// prefix, `--partitions` partitions) applied by one notification member, then by two (then
/// more, as `--members` says) in a fresh consumer group each time, every member with its real
/// handler and its own temporary on-disk store, all in this process. Per run: the wall time
/// from the members' start until the group's positions reach every partition's end (the group
/// join included), the span from the first event applied to the last (the inboxes'
/// `processedAt`, join excluded), what each member applied, and how many events were applied by
/// more than one member (must be 0). On a machine with fewer cores than members, or when SQLite
/// writes are the limit, two members do not go twice as fast: the figure says how far off.
struct GroupSplitBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "group-split")

    /// The Kafka brokers the backlog is published to.
    @Option(help: "Kafka bootstrap servers.") var brokers = "127.0.0.1:9092"
    /// How many events the backlog holds before the consumer group starts.
    @Option(help: "Events in the backlog.") var count = 10_000
    /// The tickets topic's partitions: at most this many group members get work.
    @Option(help: "Partitions of the tickets topic (at most this many members get work).") var partitions = 4
    /// The group sizes timed one after the other, to show what a second member adds.
    @Option(help: "Member counts to compare, comma-separated.") var members = "1,2"
    /// The batch size of each member's consumer.
    @Option(help: "Consumer batch size.") var batchSize = 500

    func run() async throws {
        var logger = Logger(label: "arianna.bench.group-split")
        logger.logLevel = .warning
        let memberCounts = try members.split(separator: ",").map { value in
            guard let members = Int(value.trimmingCharacters(in: .whitespaces)), members > 0 else {
                throw ValidationError("member counts are positive numbers, not '\(value)'")
            }
            return members
        }
        guard count > 0, partitions > 0 else { throw ValidationError("--count and --partitions must be positive") }

        let topics = TopicNames(prefix: "bench-split-\(UUID().uuidString.prefix(8).lowercased()).")
        let client = KafkaClientConfiguration(bootstrapServers: brokers, clientID: "arianna-bench-group-split")
        try await KafkaAdmin.ensureTopics(
            [Topic.tickets, .deadLetter].map {
                .init(name: topics.name(of: $0), partitions: partitions, replicationFactor: 1)
            },
            configuration: client, timeout: .seconds(60), logger: logger)
        let producer = try KafkaProducer(configuration: client, logger: logger)
        try await publishBacklog(producer: producer, topics: topics)

        for memberCount in memberCounts {
            let figure = try await split(
                among: memberCount, client: client, producer: producer, topics: topics, logger: logger)
            print("group split notification, \(memberCount) member(s), \(partitions) partitions: \(figure)")
        }
        await producer.close()
    }

    /// `count` tickets of a handful of customers, keyed by ticket id, sent in chunks.
    private func publishBacklog(producer: KafkaProducer, topics: TopicNames) async throws {
        let type = ActivityTypeRef(
            id: "type-repair", code: "REPAIR", name: "Riparazione", expectedDurationMinutes: 60, billable: true)
        let opened = Date()
        for chunk in stride(from: 0, to: count, by: 1000) {
            let messages = try (chunk..<min(chunk + 1000, count)).map { index -> KafkaOutgoingMessage in
                let ticket = TicketOpened(
                    ticketID: "split-\(index)", number: "2031/\(index + 1)", activityType: type,
                    customer: CustomerRef(
                        id: "customer-\(index % 50)", name: "Cliente \(index % 50)",
                        email: "cliente\(index % 50)@example.com"),
                    siteZone: "Milano", description: "Caldaia in blocco, chiamata \(index)", channel: .callCentre,
                    openedAt: opened)
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

    /// One consumer member: its store and its running consumer service.
    private struct Member {
        let database: ServiceDatabase
        let consumer: KafkaConsumer
        let consuming: Task<Void, any Error>
    }

    /// `memberCount` members of a fresh group, started together, until the backlog is applied.
    private func split(
        among memberCount: Int, client: KafkaClientConfiguration, producer: KafkaProducer, topics: TopicNames,
        logger: Logger
    ) async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "arianna-bench-split-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let group = "\(topics.prefix)arianna-notification-\(memberCount)"
        let definition = NotificationService.definition
        let started = ContinuousClock.now
        var members: [Member] = []
        defer { for member in members { member.consuming.cancel() } }
        for index in 0..<memberCount {
            let configuration = ServiceConfiguration(
                serviceName: definition.name, topicNames: topics,
                dataDirectory: folder.appendingPathComponent("member-\(index)"),
                httpPort: 0)
            let database = try ServiceDatabase(url: configuration.databaseURL, migrations: definition.migrations)
            let context = ServiceContext(configuration: configuration, database: database, logger: logger)
            try await definition.prepare(context)
            guard let handler = definition.makeHandler(context) else {
                throw ValidationError("notification has no consumer")
            }
            let consumer = try KafkaConsumer(
                configuration: KafkaConsumerConfiguration(
                    client: client, groupID: group, topics: [topics.name(of: .tickets)]),
                logger: logger)
            let service = EventConsumerService(
                consumer: consumer,
                deadLetters: DeadLetterPublisher(
                    producer: producer, topicNames: topics, groupID: group, logger: logger),
                database: database, handler: handler, logger: logger,
                batching: ConsumerBatching(maxCount: batchSize, maxWait: .milliseconds(5)))
            members.append(Member(database: database, consumer: consumer, consuming: Task { try await service.run() }))
        }

        // Stops by itself: a generous bound of 30 s plus 10 ms per event.
        let deadline = ContinuousClock.now + .seconds(30) + .milliseconds(10 * count)
        while true {
            var figures: [KafkaPartitionLag] = []
            for member in members { figures += try await member.consumer.lag() }
            if Set(figures.map(\.partition)).count == partitions,
                figures.reduce(Int64(0), { $0 + $1.highWatermark }) == Int64(count), figures.allSatisfy({ $0.lag == 0 })
            {
                break
            }
            guard ContinuousClock.now < deadline else {
                throw ValidationError("\(memberCount) member(s) did not catch up in time")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let wall = BacklogCatchUp.seconds(ContinuousClock.now - started)
        for member in members {
            member.consuming.cancel()
            _ = try? await member.consuming.value
        }

        var applied: [Int] = []
        var seen: Set<String> = []
        var twice = 0
        var first: Date?
        var last: Date?
        for member in members {
            let (ids, earliest, latest) = try await member.database.read { db -> ([String], Date?, Date?) in
                let ids = try String.fetchAll(db, sql: "SELECT eventID FROM inbox")
                let row = try Row.fetchOne(
                    db, sql: "SELECT MIN(processedAt) AS first, MAX(processedAt) AS last FROM inbox")
                return (ids, row?["first"], row?["last"])
            }
            applied.append(ids.count)
            for id in ids where !seen.insert(id).inserted { twice += 1 }
            if let earliest { first = min(first ?? earliest, earliest) }
            if let latest { last = max(last ?? latest, latest) }
        }
        let total = applied.reduce(0, +)
        var figure = String(
            format: "%d of %d applied in %.2f s from the start (%.0f events/s, group join included)",
            seen.count, count, wall, Double(seen.count) / wall)
        if let first, let last, last > first {
            let span = last.timeIntervalSince(first)
            figure += String(format: ", %.2f s first to last applied (%.0f events/s)", span, Double(total - 1) / span)
        }
        return figure + "; per member \(applied.map(String.init).joined(separator: " + ")); applied twice: \(twice)"
    }
}
