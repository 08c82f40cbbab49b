import AriannaKafka
import AriannaProtocol
import Foundation
import GRDB
import Logging
import ServiceKit
import Testing

@testable import NotificationService

/// Issue 13, scaling out: two notification members in one consumer group, each with its own
/// SQLite store and the real handler, split a backlog of `ticket.opened.v1` on a topic with four
/// partitions of the real broker. From the two stores: every event applied (inbox) and queued as
/// an email (`emailJob`) by exactly one member — none lost, none twice — and both members did
/// some of the work; then the same when one member leaves gracefully half-way and the other
/// takes over its partitions from the offsets it committed on leaving.
@Suite("BrokerIntegrationTests notification consumer group split", .serialized)
struct ConsumerGroupSplitTests {
    static let partitions = 4
    static let backlogSize = 3000

    @Test func twoMembersStartedTogether_splitTheBacklog_noneLostNoneTwice() async throws {
        let backlog = try await Backlog.publish(count: Self.backlogSize, partitions: Self.partitions)
        let group = "\(backlog.topics.prefix)arianna-notification"

        // When two members of one group start together, each on its own store
        let first = try await GroupMember(backlog: backlog, group: group)
        let second = try await GroupMember(backlog: backlog, group: group)
        defer {
            first.remove()
            second.remove()
        }
        try await backlog.waitUntilCaughtUp(by: [first, second])
        await first.stop()
        await second.stop()

        // Then the group's committed offsets are at the end of every partition
        try await backlog.expectCommittedAtEnd(group: group)
        // and every event was applied, and its email queued, by exactly one of them
        let firstApplied = try await first.appliedEventIDs()
        let secondApplied = try await second.appliedEventIDs()
        #expect(
            firstApplied.union(secondApplied) == backlog.eventIDs,
            "lost: \(backlog.eventIDs.subtracting(firstApplied.union(secondApplied)).count)")
        #expect(
            firstApplied.isDisjoint(with: secondApplied),
            "applied twice: \(firstApplied.intersection(secondApplied).count)")
        let firstQueued = try await first.queuedEmailEventIDs()
        let secondQueued = try await second.queuedEmailEventIDs()
        #expect(firstQueued.union(secondQueued) == backlog.eventIDs)
        #expect(
            firstQueued.isDisjoint(with: secondQueued),
            "emails queued twice: \(firstQueued.intersection(secondQueued).count)")
        // and the split happened: both members applied part of the backlog
        #expect(
            !firstApplied.isEmpty && !secondApplied.isEmpty,
            "first \(firstApplied.count), second \(secondApplied.count)")
    }

    @Test func oneMemberLeavesHalfWay_theOtherTakesOverItsPartitions_noneLostNoneTwice() async throws {
        let backlog = try await Backlog.publish(count: Self.backlogSize, partitions: Self.partitions)
        let group = "\(backlog.topics.prefix)arianna-notification"

        // Given two members of one group splitting the backlog
        let leaving = try await GroupMember(backlog: backlog, group: group)
        let staying = try await GroupMember(backlog: backlog, group: group)
        defer {
            leaving.remove()
            staying.remove()
        }
        try await waitFor("a sixth of the backlog applied by the one that will leave") {
            try await leaving.appliedCount() >= Self.backlogSize / 6
        }

        // When one of them stops gracefully half-way (as on SIGTERM: it finishes its batch,
        // commits its offsets and leaves the group) and the other carries on alone
        await leaving.stop()
        let appliedByLeaving = try await leaving.appliedEventIDs()
        try await backlog.waitUntilCaughtUp(by: [staying])
        await staying.stop()

        // Then nothing is left for the group, nothing lost and nothing applied twice
        try await backlog.expectCommittedAtEnd(group: group)
        let appliedByStaying = try await staying.appliedEventIDs()
        #expect(
            appliedByLeaving.union(appliedByStaying) == backlog.eventIDs,
            "lost: \(backlog.eventIDs.subtracting(appliedByLeaving.union(appliedByStaying)).count)")
        #expect(
            appliedByLeaving.isDisjoint(with: appliedByStaying),
            "applied twice: \(appliedByLeaving.intersection(appliedByStaying).count)")
        let queuedByLeaving = try await leaving.queuedEmailEventIDs()
        let queuedByStaying = try await staying.queuedEmailEventIDs()
        #expect(queuedByLeaving.union(queuedByStaying) == backlog.eventIDs)
        #expect(
            queuedByLeaving.isDisjoint(with: queuedByStaying),
            "emails queued twice: \(queuedByLeaving.intersection(queuedByStaying).count)")
        // and the one that left had done part of the work, the one that stayed the rest
        #expect(appliedByLeaving.count < Self.backlogSize, "the leaving member applied everything before leaving")
        #expect(
            appliedByStaying.count > Self.backlogSize / 2, "the staying member applied only \(appliedByStaying.count)")
    }

    @Test func memberCrashesBeforeCommitting_theOtherAppliesItsEventsAgain_andQueuesTheirEmailsAgain() async throws {
        let backlog = try await Backlog.publish(count: Self.backlogSize, partitions: Self.partitions)
        let group = "\(backlog.topics.prefix)arianna-notification"

        // Given two members splitting the backlog, one of which will crash before its first commit
        let crashing = try await GroupMember(backlog: backlog, group: group, commitsOffsets: false)
        let surviving = try await GroupMember(backlog: backlog, group: group)
        defer {
            crashing.remove()
            surviving.remove()
        }
        try await waitFor("a sixth of the backlog applied by the one that will crash") {
            try await crashing.appliedCount() >= Self.backlogSize / 6
        }

        // When it goes away with none of its offsets committed and the other carries on alone
        await crashing.stop()
        let appliedByCrashed = try await crashing.appliedEventIDs()
        try await backlog.waitUntilCaughtUp(by: [surviving])
        await surviving.stop()

        // Then nothing is lost: the survivor re-read the crashed member's partitions from the start
        try await backlog.expectCommittedAtEnd(group: group)
        let appliedBySurvivor = try await surviving.appliedEventIDs()
        #expect(appliedBySurvivor == backlog.eventIDs, "lost: \(backlog.eventIDs.subtracting(appliedBySurvivor).count)")
        // but, with a store per member, whatever the crashed member applied is applied again:
        // its inbox is not the survivor's. The effect is a queued email, which is NOT idempotent —
        // those customers would get "we received your request" twice (docs/SCALING.md).
        #expect(!appliedByCrashed.isEmpty)
        #expect(appliedByCrashed.isSubset(of: appliedBySurvivor))
        let queuedTwice = try await crashing.queuedEmailEventIDs().intersection(
            try await surviving.queuedEmailEventIDs())
        #expect(
            queuedTwice == appliedByCrashed,
            "\(queuedTwice.count) emails queued twice, \(appliedByCrashed.count) events applied twice")
    }
}

/// A fresh topic prefix with `count` valid `ticket.opened.v1` events on `partitions` partitions,
/// keyed by ticket id as intake publishes them.
struct Backlog {
    let topics: TopicNames
    let client: KafkaClientConfiguration
    let producer: KafkaProducer
    let logger: Logger
    let partitions: Int
    let eventIDs: Set<String>

    static func publish(count: Int, partitions: Int) async throws -> Backlog {
        guard let brokers = ProcessInfo.processInfo.environment["ARIANNA_TEST_KAFKA_BROKERS"], !brokers.isEmpty else {
            throw GroupSplitError("ARIANNA_TEST_KAFKA_BROKERS is not set: run the tests with `make test`")
        }
        var logger = Logger(label: "test.notification.group-split")
        logger.logLevel = .notice
        let topics = TopicNames(prefix: "ngs-\(UUID().uuidString.prefix(8).lowercased()).")
        let client = KafkaClientConfiguration(bootstrapServers: brokers, clientID: "notification-group-split-test")
        try await KafkaAdmin.ensureTopics(
            [Topic.tickets, .deadLetter].map {
                .init(name: topics.name(of: $0), partitions: partitions, replicationFactor: 1)
            },
            configuration: client, timeout: .seconds(30), logger: logger)
        let producer = try KafkaProducer(configuration: client, logger: logger)
        let type = ActivityTypeRef(
            id: "type-repair", code: "REPAIR", name: "Riparazione", expectedDurationMinutes: 60, billable: true)
        var ids: Set<String> = []
        var messages: [KafkaOutgoingMessage] = []
        for index in 0..<count {
            let ticket = TicketOpened(
                ticketID: "ticket-\(index)", number: "2031/\(index + 1)", activityType: type,
                customer: CustomerRef(
                    id: "customer-\(index % 40)", name: "Cliente \(index % 40)",
                    email: "cliente\(index % 40)@example.com"),
                siteZone: "Milano", description: "Caldaia in blocco, chiamata \(index)", channel: .callCentre,
                openedAt: Date())
            let metadata = EventMetadata.new(
                for: ticket, id: UUID().uuidString.lowercased(), source: "/arianna/intake", time: Date())
            ids.insert(metadata.id)
            messages.append(
                KafkaOutgoingMessage(
                    topic: topics.name(of: .tickets), key: Array(ticket.ticketID.utf8),
                    value: try EventCodec.encode(ticket, metadata: metadata)))
        }
        for result in await producer.sendAll(messages) { _ = try result.get() }
        return Backlog(
            topics: topics, client: client, producer: producer, logger: logger, partitions: partitions, eventIDs: ids)
    }

    /// Waits until the running `members` together own every partition and each one's stored
    /// position is the partition's end.
    func waitUntilCaughtUp(by members: [GroupMember]) async throws {
        try await waitFor("the members past every record", timeout: .seconds(120)) {
            var figures: [KafkaPartitionLag] = []
            for member in members { figures += try await member.consumer.lag() }
            return Set(figures.map(\.partition)).count == partitions
                && figures.reduce(Int64(0)) { $0 + $1.highWatermark } == Int64(eventIDs.count)
                && figures.allSatisfy { $0.lag == 0 }
        }
    }

    /// With every member gone: a newcomer to `group` is handed every partition, gets no record
    /// (nothing left to deliver) and finds the group's committed offsets at the partitions' ends.
    func expectCommittedAtEnd(group: String) async throws {
        let checker = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: group, topics: [topics.name(of: .tickets)]),
            logger: logger)
        // Polling joins the group (and serves the rebalance); a record here would be one the
        // members left behind.
        let polling = Task { try await checker.next() }
        var figures: [KafkaPartitionLag] = []
        let deadline = ContinuousClock.now + .seconds(60)
        // Until it owns every partition and its watermarks are fresh (the cached ones can lag).
        while figures.count < partitions
            || figures.reduce(Int64(0), { $0 + $1.highWatermark }) != Int64(eventIDs.count),
            ContinuousClock.now < deadline
        {
            try await Task.sleep(for: .milliseconds(500))
            figures = try await checker.lag()
        }
        polling.cancel()
        let leftOver = try await polling.value
        await checker.close()
        #expect(
            leftOver == nil,
            "a record was left for the group: partition \(leftOver?.partition ?? -1) offset \(leftOver?.offset ?? -1)")
        #expect(figures.count == partitions, "the checker was handed \(figures.count) partitions")
        #expect(figures.allSatisfy { $0.lag == 0 }, "\(figures)")
        #expect(figures.reduce(Int64(0)) { $0 + $1.highWatermark } == Int64(eventIDs.count))
        // Offsets start at 0 on fresh topics, so the committed positions add up to the backlog.
        #expect(figures.reduce(Int64(0)) { $0 + $1.position } == Int64(eventIDs.count), "\(figures)")
    }
}

/// One notification member: the service's real handler and migrations on its own SQLite file,
/// its `EventConsumerService` consuming the backlog's tickets topic in `group`.
final class GroupMember: Sendable {
    let folder: URL
    let database: ServiceDatabase
    let consumer: KafkaConsumer
    let consuming: Task<Void, any Error>

    /// `commitsOffsets: false` is a member that will crash before its first commit: its stored
    /// offsets never reach the broker (librdkafka's auto-commit off), neither on a rebalance nor
    /// when it leaves, as when a process is killed within the auto-commit interval.
    init(backlog: Backlog, group: String, commitsOffsets: Bool = true) async throws {
        let definition = NotificationService.definition
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "notification-member-\(UUID().uuidString)")
        let configuration = ServiceConfiguration(
            serviceName: definition.name, topicNames: backlog.topics, dataDirectory: folder, httpPort: 0)
        database = try ServiceDatabase(url: configuration.databaseURL, migrations: definition.migrations)
        let context = ServiceContext(configuration: configuration, database: database, logger: backlog.logger)
        try await definition.prepare(context)
        guard let handler = definition.makeHandler(context) else {
            throw GroupSplitError("notification has no consumer")
        }
        var client = backlog.client
        if !commitsOffsets { client.extra["enable.auto.commit"] = "false" }
        consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: group, topics: [backlog.topics.name(of: .tickets)]),
            logger: backlog.logger)
        let service = EventConsumerService(
            consumer: consumer,
            deadLetters: DeadLetterPublisher(
                producer: backlog.producer, topicNames: backlog.topics, groupID: group, logger: backlog.logger),
            database: database, handler: handler, logger: backlog.logger,
            batching: ConsumerBatching(maxCount: 200, maxWait: .milliseconds(5)))
        consuming = Task { try await service.run() }
    }

    /// A graceful stop, as on SIGTERM: the consumer finishes, commits its offsets, leaves the group.
    func stop() async {
        consuming.cancel()
        _ = try? await consuming.value
    }

    func remove() {
        consuming.cancel()
        try? FileManager.default.removeItem(at: folder)
    }

    func appliedCount() async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inbox") ?? 0 }
    }

    /// The ids of the events this member's inbox recorded as applied.
    func appliedEventIDs() async throws -> Set<String> {
        try await database.read { db in Set(try String.fetchAll(db, sql: "SELECT eventID FROM inbox")) }
    }

    /// The ids of the events this member queued an email for (the effect that must not double).
    func queuedEmailEventIDs() async throws -> Set<String> {
        try await database.read { db in Set(try String.fetchAll(db, sql: "SELECT DISTINCT eventID FROM emailJob")) }
    }
}

struct GroupSplitError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Polls `condition` every 100 ms until it holds; fails after `timeout`.
func waitFor(_ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw GroupSplitError("timed out waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(100))
    }
}
