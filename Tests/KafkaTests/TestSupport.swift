import AriannaKafka
import Foundation
import Logging
import Testing

/// Shared helpers for the Kafka adapter tests.
enum TestSupport {
    /// A logger that shows librdkafka's warnings and our notices, not its chatter.
    static func logger(_ label: String) -> Logger {
        var logger = Logger(label: "test.kafka.\(label)")
        logger.logLevel = .notice
        return logger
    }

    /// A name unique to one test run, so tests never share topics or groups.
    static func unique(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.lowercased())"
    }

    /// Reads `count` records, failing when they don't all arrive within `timeout`.
    static func read(
        _ count: Int,
        from consumer: KafkaConsumer,
        timeout: Duration = .seconds(30)
    ) async throws -> [KafkaMessage] {
        try await withThrowingTaskGroup(of: [KafkaMessage]?.self) { group in
            group.addTask {
                var messages: [KafkaMessage] = []
                while messages.count < count, let message = try await consumer.next() {
                    messages.append(message)
                }
                return messages
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            let first = try await group.next() ?? nil
            let messages = try #require(first, "no \(count) record(s) within \(timeout)")
            try #require(messages.count == count, "the consumer ended after \(messages.count) of \(count) record(s)")
            return messages
        }
    }

    /// `count` records with distinct keys, values and headers, all on `topic`.
    static func records(_ count: Int, topic: String) -> [KafkaOutgoingMessage] {
        (0..<count).map { index in
            KafkaOutgoingMessage(
                topic: topic,
                key: Array("key-\(index % 3)".utf8),
                value: Array("value-\(index)".utf8),
                headers: [
                    KafkaHeader(key: "ce_id", string: "event-\(index)"),
                    KafkaHeader(key: "ce_type", string: "test.recorded.v1"),
                    KafkaHeader(key: "binary", value: [0, 255, UInt8(index % 256)])
                ]
            )
        }
    }
}

/// A mock cluster with a fresh topic (one partition unless told), kept alive for the whole body.
func withMockTopic<Result>(
    partitions: Int = 1,
    _ body: (_ cluster: KafkaMockCluster, _ topic: String) async throws -> Result
) async throws -> Result {
    let cluster = try KafkaMockCluster(logger: TestSupport.logger("mock"))
    let topic = TestSupport.unique("mock-topic")
    try cluster.createTopic(topic, partitions: partitions)
    defer { extendLifetime(cluster) }
    return try await body(cluster, topic)
}

extension KafkaConsumerConfiguration {
    /// A consumer of `topic` in `group`, with the short session timeout tests need.
    static func mock(servers: String, group: String, topic: String) -> KafkaConsumerConfiguration {
        KafkaConsumerConfiguration(
            client: KafkaClientConfiguration(bootstrapServers: servers, clientID: TestSupport.unique("test-consumer")),
            groupID: group,
            topics: [topic]
        )
    }
}
