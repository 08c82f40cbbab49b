import ArgumentParser
import AriannaKafka
import Foundation
import Logging

/// The raw broker round trip with the same client library the services use: produce one
/// message, time until the consumer receives it. The floor under the pipeline figure.
struct BrokerRoundTrip: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "broker")

    /// The Kafka brokers the timed messages go through.
    @Option(help: "Kafka bootstrap servers.") var brokers = "127.0.0.1:9092"
    /// How many messages are produced and consumed, each timed from send to receipt.
    @Option(help: "Messages to time.") var count = 1000
    /// The pause between two messages, so the broker sees the pipeline run's pace rather than a burst.
    @Option(help: "Pause between messages in ms, as the pipeline run paces its requests.") var pace = 2
    /// librdkafka properties for the consumer only, to compare consumer settings against the same broker.
    @Option(
        help:
            "Extra librdkafka consumer property, key=value (repeatable), over ARIANNA_KAFKA_PROPERTIES (which both clients take)."
    ) var consumerProperty: [String] = []

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let topic = "bench.roundtrip.\(UUID().uuidString.prefix(8))"
        // The properties the services get for this broker (scripts/broker.sh writes them).
        let tuning = try KafkaClientConfiguration.properties(
            parsing: ProcessInfo.processInfo.environment["ARIANNA_KAFKA_PROPERTIES"] ?? "")
        let client = KafkaClientConfiguration(bootstrapServers: brokers, clientID: "arianna-bench", extra: tuning)
        try await KafkaAdmin.ensureTopics(
            [.init(name: topic, partitions: 1, replicationFactor: 1)],
            configuration: client, timeout: .seconds(30), logger: logger)
        let producer = try KafkaProducer(configuration: client, logger: logger)
        var consumerClient = client
        for property in consumerProperty {
            let parts = property.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw ValidationError("--consumer-property takes key=value, not '\(property)'")
            }
            consumerClient.extra[parts[0]] = parts[1]
        }
        var consumerConfiguration = KafkaConsumerConfiguration(
            client: consumerClient, groupID: "\(topic).group", topics: [topic])
        consumerConfiguration.startFromEarliest = true
        let consumer = try KafkaConsumer(configuration: consumerConfiguration, logger: logger)

        // Warm up: wait for the group join and the first fetch.
        _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: nil, value: Array("warm-up".utf8)))
        _ = try await consumer.next()

        let clock = ContinuousClock()
        let origin = clock.now
        let receiver = Task { () throws -> [Double] in
            var samples: [Double] = []
            while samples.count < count, let message = try await consumer.next() {
                let now = clock.now - origin
                let sentNanos = Int64(String(decoding: message.value, as: UTF8.self)) ?? 0
                let nowNanos = now.components.seconds * 1_000_000_000 + now.components.attoseconds / 1_000_000_000
                samples.append(Double(nowNanos - sentNanos) / 1e6)
            }
            return samples
        }
        var acknowledgements: [Double] = []
        for _ in 0..<count {
            let sent = clock.now - origin
            let nanos = sent.components.seconds * 1_000_000_000 + sent.components.attoseconds / 1_000_000_000
            _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: nil, value: Array(String(nanos).utf8)))
            let acknowledged = clock.now - origin - sent
            acknowledgements.append(
                Double(acknowledged.components.seconds) * 1e3 + Double(acknowledged.components.attoseconds) / 1e15)
            if pace > 0 { try await Task.sleep(for: .milliseconds(pace)) }
        }
        let samples = try await receiver.value
        print("broker produce → consume: \(Percentiles(milliseconds: samples))")
        // The write path alone (idempotent, acks=all): what the outbox relay waits for per batch.
        print("broker produce → delivery report: \(Percentiles(milliseconds: acknowledgements))")
        await consumer.close()
        await producer.close()
    }
}
