import AriannaKafka
import Foundation
import Synchronization
import Testing

/// Closing a consumer whose broker does not answer (docs/RELIABILITY.md, finding 7): librdkafka's
/// close waits for the group coordinator as long as it takes, so services asked to stop as their
/// broker stopped never stopped. The consumer now gives up after its `closeTimeout`. The broker is
/// frozen (SIGSTOP), so its connections stay open and nothing answers: with the old close this
/// test failed (close had not returned after 30 s).
@Suite("ConsumerCloseTests", .serialized)
struct ConsumerCloseTests {
    @Test func closingWhileTheBrokerDoesNotAnswer_returnsAfterTheCloseTimeout() async throws {
        // Given a consumer that joined its group and has an offset to commit
        let broker = try DurableBroker.start(root: DurableBrokerTests.root, storage: "memory")
        defer { broker.stop() }
        let properties = try KafkaClientConfiguration.properties(parsing: broker.clientProperties)
        let topic = TestSupport.unique("close-topic")
        let client = KafkaClientConfiguration(
            bootstrapServers: broker.address, clientID: "test-close", extra: properties)
        try await KafkaAdmin.ensureTopics(
            [.init(name: topic, partitions: 1)], configuration: client, timeout: .seconds(30),
            logger: TestSupport.logger("admin"))
        let producer = try KafkaProducer(configuration: client, logger: TestSupport.logger("producer"))
        _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: Array("k".utf8), value: Array("one".utf8)))
        var configuration = KafkaConsumerConfiguration(
            client: client, groupID: TestSupport.unique("close-group"), topics: [topic])
        configuration.closeTimeout = .seconds(2)
        let consumer = try KafkaConsumer(configuration: configuration, logger: TestSupport.logger("consumer"))
        let first = try await consumer.next()
        #expect(first?.value == Array("one".utf8))
        if let first { try consumer.storeOffset(of: first) }

        // When the broker stops answering (its connections stay open) and the consumer is asked to close
        try broker.freeze()
        let closed = Mutex(false)
        let closing = Task {
            await consumer.close()
            closed.withLock { $0 = true }
        }
        let started = ContinuousClock.now
        while !closed.withLock({ $0 }), ContinuousClock.now - started < .seconds(30) {
            try await Task.sleep(for: .milliseconds(100))
        }

        // Then close returns, and the consumer answers as closed at once
        #expect(closed.withLock { $0 }, "close() had not returned 30 s after the broker stopped answering")
        #expect(try await consumer.next() == nil)
        await #expect(throws: KafkaError.self) { try await consumer.commit() }
        _ = closing
    }
}
