import AriannaKafka
import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import ServiceKit

/// The consumer lag on the real broker: N for a backlog nobody processed, 0 after catch-up, on
/// `/metrics` (`arianna_consumer_lag{topic,partition}`) and in the health answer.
@Suite("BrokerIntegrationTests consumer lag", .serialized)
struct ConsumerLagBrokerTests {
    @Test func lag_readsTheBacklog_thenZeroAfterCatchUp_onMetricsAndHealth() async throws {
        let brokers = try MessagingBrokerIntegrationTests.brokers()
        let topic = "lag-\(UUID().uuidString.lowercased())"
        var logger = Logger(label: "test.lag")
        logger.logLevel = .notice
        let client = KafkaClientConfiguration(bootstrapServers: brokers, clientID: "servicekit-lag-test")
        try await KafkaAdmin.ensureTopics(
            [.init(name: topic, partitions: 2, replicationFactor: 1)], configuration: client, timeout: .seconds(30),
            logger: logger)
        let producer = try KafkaProducer(configuration: client, logger: logger)
        for index in 0..<30 {
            _ = try await producer.send(
                KafkaOutgoingMessage(topic: topic, key: Array("k\(index % 3)".utf8), value: [UInt8(index)]))
        }
        await producer.close()

        // Given a service whose consumer has joined and holds 30 records, none processed
        let registry = ServiceMetrics.registry
        let context = ServiceContext(
            configuration: ServiceConfiguration(
                serviceName: "planner", dataDirectory: FileManager.default.temporaryDirectory, httpPort: 0),
            database: try .inMemory { _ in }, logger: logger)
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: client, groupID: "\(topic)-group", topics: [topic]),
            logger: logger)
        let first = try #require(try await withTimeout(.seconds(30)) { try await consumer.next() } ?? nil)
        let monitor = ConsumerLagMonitor(
            consumer: consumer, figures: context.consumerLag, interval: .milliseconds(200), logger: logger)
        let monitoring = Task { try await monitor.run() }
        defer { monitoring.cancel() }
        let definition = ServiceDefinition(
            name: "planner", defaultPort: 0, consumedTopics: [], migrations: { _ in }, addRoutes: { _, _ in })
        let app = Application(router: ServiceRuntime.buildRouter(definition, context: context, registry: registry))

        try await app.test(.router) { client in
            // Then the lag reads the whole backlog
            _ = try await waitFor("a lag of 30") { context.consumerLag.snapshot?.total == 30 ? true : nil }
            #expect(context.consumerLag.snapshot?.topics == [topic: 30])
            #expect(try await Self.lagOnMetrics(of: topic, client) == 30)
            let health = try await client.executeRequest(uri: "/health/ready", method: .get, headers: [:], body: nil)
            #expect(health.status == .ok)
            let body = String(buffer: health.body)
            #expect(body.contains("\"consumerLag\""), "\(body)")
            #expect(body.contains("\"total\":30"), "\(body)")

            // When the rest is read and every offset stored
            var received = [first]
            while received.count < 30,
                let message = try await withTimeout(.seconds(30), { try await consumer.next() }) ?? nil
            {
                received.append(message)
            }
            #expect(received.count == 30)
            try consumer.storeOffsets(of: received)

            // Then it reads 0, on the figures, on /metrics and in the health answer
            _ = try await waitFor("a lag of 0") { context.consumerLag.snapshot?.total == 0 ? true : nil }
            #expect(try await Self.lagOnMetrics(of: topic, client) == 0)
            let after = try await client.executeRequest(uri: "/health/live", method: .get, headers: [:], body: nil)
            #expect(String(buffer: after.body).contains("\"total\":0"))
        }
        monitoring.cancel()
        _ = try? await monitoring.value
        await consumer.close()
    }

    /// The sum of `arianna_consumer_lag` over the topic's partitions on the `/metrics` route.
    static func lagOnMetrics(of topic: String, _ client: any TestClientProtocol) async throws -> Int? {
        let response = try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
        let lines = String(buffer: response.body).split(separator: "\n")
            .filter { $0.hasPrefix("\(MetricName.consumerLag){") && $0.contains("topic=\"\(topic)\"") }
        guard lines.count == 2 else { return nil }
        return lines.compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.reduce(0) { $0 + Int($1) }
    }
}
