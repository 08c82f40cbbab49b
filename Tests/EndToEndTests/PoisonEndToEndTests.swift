import AriannaKafka
import AriannaPoisonCorpus
import AriannaProtocol
import Foundation
import Logging
import Testing

/// Issue 14 §3, hostile events: the five real services, each topic they consume fed the whole
/// poison corpus (not JSON, not an envelope, wrong spec version, unknown type, missing fields,
/// wrong JSON types, 1 MiB, an unknown newer version) ahead of good events on the same
/// partition. No service crashes or stalls, the good events after the poison are applied, intake's
/// Kafka channel still answers the call centre, and the dead-letter topic holds each poison
/// message exactly once per consumer group reading its topic, with a reason.
@Suite("EndToEnd hostile events", .serialized)
struct PoisonEndToEndTests {
    @Test func everyConsumer_deadLettersTheCorpusOnce_andKeepsApplyingWhatFollows() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        // One partition per topic: every good event below is behind the poison on its log.
        try await cluster.start(ServiceCluster.Name.allCases, extraEnvironment: ["ARIANNA_TOPIC_PARTITIONS": "1"])
        let topics = TopicNames(prefix: cluster.topicPrefix)
        var logger = Logger(label: "e2e.poison")
        logger.logLevel = .error
        var client = KafkaClientConfiguration(bootstrapServers: cluster.brokers, clientID: "poison-e2e")
        client.extra["message.max.bytes"] = String(KafkaSizeLimits.hostileProducerMessageBytes)
        let producer = try KafkaProducer(configuration: client, logger: logger)

        // Given the corpus on every consumed topic
        let corpus = PoisonCorpus.consumedTopics.flatMap { PoisonCorpus.messages(for: $0, run: "e2e", names: topics) }
        for message in corpus { _ = try await producer.send(message.record) }
        // followed, on each topic, by a good event every service applies (a session ended)
        for topic in PoisonCorpus.consumedTopics {
            let ended = SessionEnded(
                sessionID: "probe-\(topic.rawValue)", userID: "usr-probe", endedAt: Date(),
                expiresAt: Date().addingTimeInterval(3600))
            let metadata = EventMetadata.new(for: ended, id: UUID().uuidString, source: "/poison-e2e", time: Date())
            _ = try await producer.send(
                KafkaOutgoingMessage(
                    topic: topics.name(of: topic), key: Array(ended.aggregateID.utf8),
                    value: try EventCodec.encode(ended, metadata: metadata)))
        }
        // and by a good call-centre request, whose ticket then follows the poison on the tickets topic
        let request = IntakeRequested(
            requestID: "cc-after-poison", system: "callcentre-north", activityTypeCode: "REPAIR",
            customer: .init(name: "Bar Sport", email: "bar@sport.example"),
            siteZone: "Milano", description: "Coffee machine leaks",
            customFields: ["appliance": "Macchina del caffè"])
        let requestMetadata = EventMetadata.new(
            for: request, id: UUID().uuidString, source: "/callcentre-north", time: Date(),
            correlationID: request.requestID)
        _ = try await producer.send(
            KafkaOutgoingMessage(
                topic: topics.name(of: .intakeRequests), key: Array(request.requestID.utf8),
                value: try EventCodec.encode(request, metadata: requestMetadata)))
        await producer.close()

        // Then each service applies the good event behind the poison on every topic it reads
        for service in ServiceCluster.Name.allCases {
            let expected = PoisonCorpus.consumedTopics.filter {
                PoisonCorpus.consumingServices(of: $0).contains(service.rawValue)
            }.count
            _ = try await waitUntil(
                "\(service) applied \(expected) session ends", timeout: .seconds(120), cluster: cluster
            ) {
                try await Self.applied("session.ended.v1", by: service, in: cluster) == expected
            }
        }
        // and intake's Kafka channel answered the good request once, and none of the poison
        let replies = try await Self.replies(cluster: cluster, logger: logger)
        #expect(replies.map(\.requestID) == ["cc-after-poison"])
        #expect(replies.first?.status == .accepted, "\(replies.first?.reasons ?? [])")

        // and the ticket the request opened reaches every consumer of the tickets topic
        for service in [ServiceCluster.Name.planner, .notification, .webreport, .billing] {
            _ = try await waitUntil("\(service) applied the ticket", timeout: .seconds(60), cluster: cluster) {
                try await Self.applied("ticket.opened.v1", by: service, in: cluster) == 1
            }
        }
        // and the dead-letter topic holds exactly the poison, once per consumer group, with reasons
        let tally = try await DeadLetterReader.collect(
            expecting: corpus.map(\.expectation), brokers: cluster.brokers, topics: topics,
            timeout: .seconds(90), settle: .seconds(3), logger: logger)
        #expect(tally.isExact, "\(tally.report(prefix: cluster.topicPrefix))")
        // (tickets 4 groups, appointments 3, interventions 4, setup 5, billing 1, intake requests 1)
        #expect(tally.rows.count == 18 * PoisonKind.allCases.count)

        // and no service crashed
        for service in ServiceCluster.Name.allCases {
            #expect(cluster.isRunning(service), "\(service) stopped:\n\(cluster.logTail(service))")
        }
    }

    /// `arianna_events_consumed_total{type}` of one service.
    static func applied(_ type: String, by service: ServiceCluster.Name, in cluster: ServiceCluster) async throws -> Int
    {
        let (data, _) = try await HTTP.get(cluster.url(service, "/metrics"))
        let prefix = "arianna_events_consumed_total{type=\"\(type)\"} "
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix(prefix) }
        return line.flatMap { Double($0.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)) }.map { Int($0) }
            ?? 0
    }

    /// Every reply on the reply topic, read until none came for 5 s.
    static func replies(cluster: ServiceCluster, logger: Logger) async throws -> [IntakeReplied] {
        let client = KafkaClientConfiguration(bootstrapServers: cluster.brokers, clientID: "callcentre-north")
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: "\(cluster.topicPrefix)replies",
                topics: [TopicNames(prefix: cluster.topicPrefix).name(of: .intakeReplies)]),
            logger: logger)
        var replies: [IntakeReplied] = []
        let quiet = Duration.seconds(5)
        var last = ContinuousClock.now
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let waiting = Task { try await consumer.next() }
            let timer = Task {
                try await Task.sleep(for: .milliseconds(500))
                waiting.cancel()
            }
            let message = try await waiting.value
            timer.cancel()
            if let message, case .intakeReplied(let reply) = try EventCodec.decode(message.value).event {
                replies.append(reply)
                last = .now
            } else if !replies.isEmpty, ContinuousClock.now - last > quiet {
                break
            }
        }
        await consumer.close()
        return replies
    }

    /// Polls `condition` every 500 ms until it holds; fails with the services' logs otherwise.
    func waitUntil(
        _ what: String, timeout: Duration, cluster: ServiceCluster, _ condition: () async throws -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(500))
        }
        Issue.record("timed out waiting until \(what)")
        return false
    }
}
