import AriannaKafka
import Testing

@Suite("KafkaAdmin (no broker)")
struct KafkaAdminTests {
    @Test func ensureTopics_unreachableBroker_failsRetriableAfterTimeout() async throws {
        // Given: nothing listens on port 1
        let configuration = KafkaClientConfiguration(bootstrapServers: "127.0.0.1:1", clientID: "test-admin")
        let clock = ContinuousClock()
        let start = clock.now

        // When
        let error = await #expect(throws: KafkaError.self) {
            try await KafkaAdmin.ensureTopics(
                [.init(name: "never-created", partitions: 1)],
                configuration: configuration,
                timeout: .milliseconds(1500),
                logger: TestSupport.logger("admin").withLevel(.critical)
            )
        }

        // Then
        #expect(error?.isRetriable == true)
        // Bounded by the timeout, not by librdkafka's minute-long defaults (generous: the whole
        // suite runs in parallel on 2 cores, where 1.5 s has been seen to take over 6).
        #expect(start.duration(to: clock.now) < .seconds(20))
    }

    @Test func ensureTopics_invalidPartitionCount_failsConfiguration() async throws {
        // When
        let error = await #expect(throws: KafkaError.self) {
            try await KafkaAdmin.ensureTopics(
                [.init(name: "bad", partitions: 0)],
                configuration: KafkaClientConfiguration(bootstrapServers: "127.0.0.1:1", clientID: "test-admin"),
                timeout: .seconds(1),
                logger: TestSupport.logger("admin")
            )
        }

        // Then
        #expect(error?.kind == .configuration)
    }
}
