import AriannaKafka
import AriannaProtocol
import Foundation
import Logging
import Testing

/// An external call-centre system integrating through the topics alone, as docs/asyncapi.yaml
/// describes: it publishes `intake.request.v1` and reads `intake.reply.v1`.
@Suite("EndToEnd intake over Kafka", .serialized)
struct IntakeKafkaChannelTests {
    @Test func requests_onTheTopic_areAnsweredOnTheReplyTopic() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        try await cluster.start([.intake])
        let topics = TopicNames(prefix: cluster.topicPrefix)
        let logger = Logger(label: "e2e")
        let client = KafkaClientConfiguration(bootstrapServers: cluster.brokers, clientID: "callcentre-north")
        let producer = try KafkaProducer(configuration: client, logger: logger)
        defer { Task { await producer.close() } }

        // Given a message that is not JSON, a good request, the same request again and an invalid one
        func publish(_ request: IntakeRequested) async throws {
            let metadata = EventMetadata.new(
                for: request, id: UUID().uuidString, source: "/callcentre-north", time: Date(),
                correlationID: request.requestID)
            _ = try await producer.send(
                KafkaOutgoingMessage(
                    topic: topics.name(of: .intakeRequests), key: Array(request.requestID.utf8),
                    value: try EventCodec.encode(request, metadata: metadata)))
        }
        let good = IntakeRequested(
            requestID: "cc-100", system: "callcentre-north", activityTypeCode: "REPAIR",
            customer: .init(name: "Bar Sport", email: "bar@sport.example"),
            siteZone: "Milano", description: "Coffee machine leaks",
            customFields: ["appliance": "Macchina del caffè"])
        // The poison goes first, on the good request's partition (same key).
        _ = try await producer.send(
            KafkaOutgoingMessage(
                topic: topics.name(of: .intakeRequests), key: Array("cc-100".utf8), value: Array("{ not json".utf8)))
        try await publish(good)
        try await publish(good)
        try await publish(
            IntakeRequested(
                requestID: "cc-101", system: nil, activityTypeCode: "REPAIR",
                customer: nil, siteZone: nil, description: nil))

        // When reading the replies
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: "\(cluster.topicPrefix)replies",
                topics: [topics.name(of: .intakeReplies)]),
            logger: logger)
        var replies: [IntakeReplied] = []
        let deadline = ContinuousClock.now + .seconds(60)
        while replies.count < 3, ContinuousClock.now < deadline {
            guard let message = try await consumer.next() else { break }
            if case .intakeReplied(let reply) = try EventCodec.decode(message.value).event { replies.append(reply) }
        }
        await consumer.close()

        // Then the good request is accepted once with one ticket, the invalid one rejected with reasons
        let accepted = replies.filter { $0.requestID == "cc-100" }
        #expect(accepted.count == 2)
        #expect(accepted.allSatisfy { $0.status == .accepted })
        #expect(Set(accepted.compactMap(\.ticketNumber)).count == 1)
        let rejected = try #require(replies.first { $0.requestID == "cc-101" })
        #expect(rejected.status == .rejected)
        #expect(rejected.reasons.contains { $0.contains("customer.name is required") })
        let (data, _) = try await HTTP.get(cluster.url(.intake, "/api/tickets"))
        let tickets = try HTTP.items(data)
        #expect(tickets.count == 1)
        #expect(tickets.first?["channel"] as? String == "kafka")
        // and the poison message ahead of them on their partition did not stop it: it was dead-lettered.
        let (metrics, _) = try await HTTP.get(cluster.url(.intake, "/metrics"))
        #expect(String(decoding: metrics, as: UTF8.self).contains("arianna_events_dead_lettered_total"))
    }
}
