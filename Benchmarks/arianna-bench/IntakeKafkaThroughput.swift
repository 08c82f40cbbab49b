import ArgumentParser
import AriannaKafka
import AriannaProtocol
import Foundation
import Logging

/// Intake throughput over the Kafka channel: publishes `intake.request.v1` messages on
/// `arianna.intake.requests` as an external call-centre system would, in batches, and waits for
/// every `intake.reply.v1`. Reports requests/s from the first send to the last reply, the
/// request → reply latency, and how long after the burst's last send the replies came.
struct IntakeKafkaThroughput: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "intake-kafka")

    /// The Kafka brokers intake's request topic is on.
    @Option(help: "Kafka bootstrap servers.") var brokers = "127.0.0.1:9092"
    /// The topic prefix the running services use, so the requests reach that intake.
    @Option(help: "Topic prefix the services run with (ARIANNA_TOPIC_PREFIX).") var topicPrefix = ""
    /// How many call-centre requests are sent, each opening a ticket.
    @Option(help: "Requests to send.") var count = 1000
    /// The activity type code every request's ticket is opened with; it must exist on intake.
    @Option(help: "Activity type code of the requests.") var activityType = "REPAIR"

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let names = TopicNames(prefix: topicPrefix)
        let client = KafkaClientConfiguration(bootstrapServers: brokers, clientID: "arianna-bench-intake")
        let producer = try KafkaProducer(configuration: client, logger: logger)
        var consumerConfiguration = KafkaConsumerConfiguration(
            client: client, groupID: "bench-intake-\(UUID().uuidString.prefix(8))",
            topics: [names.name(of: .intakeReplies)])
        // From the beginning: replies to earlier runs are skipped by their request ids, and no
        // reply of this run can be missed while the group is still joining.
        consumerConfiguration.startFromEarliest = true
        let consumer = try KafkaConsumer(configuration: consumerConfiguration, logger: logger)

        let run = UUID().uuidString.prefix(8)
        try await warmUp(producer: producer, consumer: consumer, names: names, id: "bench-warm-up-\(run)")
        let requestIDs = (0..<count).map { "bench-\(run)-\($0)" }
        let clock = ContinuousClock()
        let origin = clock.now
        var sentAt: [String: Duration] = [:]
        let receiver = Task { () throws -> (latencies: [String: Duration], accepted: Int) in
            var replies: [String: Duration] = [:]
            var accepted = 0
            while replies.count < count, let message = try await consumer.next() {
                guard let event = try? EventCodec.decode(message.value),
                    case .intakeReplied(let reply) = event.event, reply.requestID.hasPrefix("bench-\(run)-")
                else { continue }
                if replies[reply.requestID] == nil {
                    replies[reply.requestID] = clock.now - origin
                    if reply.status == .accepted { accepted += 1 }
                }
            }
            return (replies, accepted)
        }
        for chunk in stride(from: 0, to: count, by: 100) {
            let batch = requestIDs[chunk..<min(chunk + 100, count)].map { request(id: $0, names: names) }
            let now = clock.now - origin
            for message in batch { sentAt[String(decoding: message.key ?? [], as: UTF8.self)] = now }
            let failures = await producer.sendAll(batch).filter { if case .failure = $0 { true } else { false } }
            guard failures.isEmpty else {
                throw ValidationError("the broker refused \(failures.count) requests: \(failures[0])")
            }
        }
        let sendingDone = clock.now - origin
        // The run stops by itself: at most two minutes for the replies.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(120))
            receiver.cancel()
        }
        let (replies, accepted) = try await receiver.value
        watchdog.cancel()
        let last = replies.values.max() ?? .zero
        let latencies = replies.compactMap { id, reply in sentAt[id].map { Self.milliseconds(reply - $0) } }
        print(
            "intake over Kafka: \(count) requests, \(accepted) accepted, sent in \(String(format: "%.2f", Self.milliseconds(sendingDone) / 1000)) s"
        )
        print(
            "intake Kafka throughput: \(String(format: "%.0f", Double(count) / (Self.milliseconds(last) / 1000))) requests/s (first send → last reply)"
        )
        print("intake request → reply: \(Percentiles(milliseconds: latencies))")
        // Issue 13's goal: the burst's replies all in within a second of its last send.
        let afterBurst = replies.values.map { max(0, Self.milliseconds($0 - sendingDone)) }
        print("intake reply after the burst's last send (0 = before it): \(Percentiles(milliseconds: afterBurst))")
        await consumer.close()
        await producer.close()
    }

    /// The `intake.request.v1` record of request `id`.
    func request(id: String, names: TopicNames) -> KafkaOutgoingMessage {
        let request = IntakeRequested(
            requestID: id, system: "arianna-bench", activityTypeCode: activityType,
            customer: .init(name: "Bench customer \(id.suffix(3))", email: "bench\(id.suffix(3))@example.com"),
            siteZone: "Milano", description: "Benchmark call \(id)", customFields: ["appliance": "Forno"])
        let metadata = EventMetadata.new(for: request, id: UUID().uuidString, source: "/arianna-bench", time: Date())
        let bytes = (try? EventCodec.encode(request, metadata: metadata)) ?? []
        return KafkaOutgoingMessage(topic: names.name(of: .intakeRequests), key: Array(id.utf8), value: bytes)
    }

    /// Sends one request and waits for its reply before the burst: intake answers
    /// `/health/ready` before its consumer has joined its group (about half of
    /// `session.timeout.ms` on Tansu), and a burst sent meanwhile would wait for the join too.
    func warmUp(producer: KafkaProducer, consumer: KafkaConsumer, names: TopicNames, id: String) async throws {
        guard case .success = await producer.sendAll([request(id: id, names: names)])[0] else {
            throw ValidationError("the broker refused the warm-up request")
        }
        let waiting = Task { () throws -> Bool in
            while true {
                let batch = try await consumer.nextBatch(maxCount: 500, maxWait: .zero)
                if batch.isEmpty { return false }  // cancelled by the watchdog
                for message in batch {
                    if case .intakeReplied(let reply) = try? EventCodec.decode(message.value).event,
                        reply.requestID == id
                    {
                        return true
                    }
                }
            }
        }
        let watchdog = Task {
            try await Task.sleep(for: .seconds(60))
            waiting.cancel()
        }
        defer { watchdog.cancel() }
        if try await waiting.value { return }
        throw ValidationError("no reply to the warm-up request within 60 s")
    }

    /// `duration` in milliseconds, for the request-to-answer latencies.
    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
