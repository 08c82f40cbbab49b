import AriannaKafka
import Logging
import Testing

/// Producer behaviour against librdkafka's in-process mock cluster.
@Suite("KafkaProducer (mock cluster)")
struct KafkaProducerTests {
    @Test func send_returnsDeliveryReportWithOffset() async throws {
        try await withMockTopic { cluster, topic in
            // Given
            let producer = try KafkaProducer(
                configuration: cluster.clientConfiguration(clientID: "test-producer"),
                logger: TestSupport.logger("producer")
            )

            // When
            let first = try await producer.send(KafkaOutgoingMessage(topic: topic, key: [1], value: Array("a".utf8)))
            let second = try await producer.send(KafkaOutgoingMessage(topic: topic, key: [1], value: Array("b".utf8)))
            await producer.close()

            // Then
            #expect(first == KafkaDeliveryReport(topic: topic, partition: 0, offset: 0))
            #expect(second == KafkaDeliveryReport(topic: topic, partition: 0, offset: 1))
        }
    }

    @Test func send_concurrentRecords_allGetDistinctOffsets() async throws {
        try await withMockTopic { cluster, topic in
            // Given
            let producer = try KafkaProducer(
                configuration: cluster.clientConfiguration(clientID: "test-producer"),
                logger: TestSupport.logger("producer")
            )

            // When
            let offsets = try await withThrowingTaskGroup(of: Int64.self) { group in
                for record in TestSupport.records(200, topic: topic) {
                    group.addTask { try await producer.send(record).offset }
                }
                return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
            }
            try await producer.flush(timeout: .seconds(5))
            await producer.close()

            // Then
            #expect(offsets == Set(0..<200))
        }
    }

    @Test func sendAll_keepsOrderAndReportsEachRecord() async throws {
        try await withMockTopic(partitions: 3) { cluster, topic in
            // Given: one aggregate's events, all with the same key
            let producer = try KafkaProducer(
                configuration: cluster.clientConfiguration(clientID: "test-producer"),
                logger: TestSupport.logger("producer")
            )
            let records = (0..<50).map {
                KafkaOutgoingMessage(topic: topic, key: Array("ticket-42".utf8), value: Array("event-\($0)".utf8))
            }

            // When
            let results = await producer.sendAll(records)
            await producer.close()

            // Then: one partition, consecutive offsets in the given order
            let reports = try results.map { try $0.get() }
            #expect(reports.count == records.count)
            #expect(Set(reports.map(\.partition)).count == 1)
            #expect(reports.map(\.offset) == Array(0..<50))
        }
    }

    @Test func sendAll_afterClose_failsEveryRecordClosed() async throws {
        try await withMockTopic { cluster, topic in
            // Given
            let producer = try KafkaProducer(
                configuration: cluster.clientConfiguration(clientID: "test-producer"),
                logger: TestSupport.logger("producer")
            )
            await producer.close()

            // When
            let results = await producer.sendAll(TestSupport.records(3, topic: topic))

            // Then
            #expect(results.count == 3)
            for result in results {
                #expect(throws: KafkaError.self) { try result.get() }
                if case .failure(let error) = result { #expect(error.kind == .closed) }
            }
        }
    }

    @Test func send_unreachableBroker_failsTimedOutWithinMessageTimeout() async throws {
        // Given: nothing listens on port 1
        let producer = try KafkaProducer(
            configuration: KafkaClientConfiguration(
                bootstrapServers: "127.0.0.1:1",
                clientID: "test-unreachable",
                extra: ["message.timeout.ms": "1500"]
            ),
            logger: TestSupport.logger("unreachable").withLevel(.critical)
        )
        let clock = ContinuousClock()
        let start = clock.now

        // When
        let error = await #expect(throws: KafkaError.self) {
            _ = try await producer.send(KafkaOutgoingMessage(topic: "nowhere", key: nil, value: [1, 2, 3]))
        }
        let elapsed = start.duration(to: clock.now)
        await producer.close()

        // Then
        let failure = try #require(error)
        #expect(failure.kind == .timedOut)
        #expect(failure.isRetriable)
        #expect(failure.code == -192)  // _MSG_TIMED_OUT
        // message.timeout.ms is well under this; the margin absorbs a loaded CI machine.
        #expect(elapsed < .seconds(15))
    }

    @Test func send_duringBrokerOutage_succeedsOnceBrokerIsBack() async throws {
        try await withMockTopic { cluster, topic in
            // Given: a connected producer, then the broker goes down. A request written into the
            // dropped connection waits `socket.timeout.ms` before librdkafka retries it (60 s by
            // default, past the 30 s message timeout): on a loaded machine the second send can
            // race the drop that way, so the test shortens the wait it does not study.
            let producer = try KafkaProducer(
                configuration: cluster.clientConfiguration(
                    clientID: "test-producer", extra: ["socket.timeout.ms": "3000"]),
                logger: TestSupport.logger("producer").withLevel(.critical)
            )
            _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: [1], value: [1]))
            try cluster.setBrokerDown()

            // When: a record is sent during the outage and the broker comes back
            let pending = Task { try await producer.send(KafkaOutgoingMessage(topic: topic, key: [1], value: [2])) }
            try await Task.sleep(for: .milliseconds(500))
            try cluster.setBrokerUp()
            let report = try await pending.value
            await producer.close()

            // Then: librdkafka retried it without duplicating
            #expect(report.offset == 1)
        }
    }

    @Test func run_cancelled_closesProducer() async throws {
        try await withMockTopic { cluster, topic in
            // Given: the producer running as a service
            let producer = try KafkaProducer(
                configuration: cluster.clientConfiguration(clientID: "test-producer"),
                logger: TestSupport.logger("producer")
            )
            let service = Task { try await producer.run() }

            // When
            service.cancel()
            try await service.value

            // Then
            let error = await #expect(throws: KafkaError.self) {
                _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: nil, value: [1]))
            }
            #expect(error?.kind == .closed)
        }
    }

    @Test func send_afterClose_failsClosed() async throws {
        try await withMockTopic { cluster, topic in
            // Given
            let producer = try KafkaProducer(
                configuration: cluster.clientConfiguration(clientID: "test-producer"),
                logger: TestSupport.logger("producer")
            )
            await producer.close()
            await producer.close()  // idempotent

            // When
            let error = await #expect(throws: KafkaError.self) {
                _ = try await producer.send(KafkaOutgoingMessage(topic: topic, key: nil, value: [1]))
            }

            // Then
            #expect(error?.kind == .closed)
        }
    }

    @Test func init_unknownProperty_failsConfiguration() {
        // When
        let error = #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(
                configuration: KafkaClientConfiguration(
                    bootstrapServers: "127.0.0.1:1",
                    clientID: "test-bad-config",
                    extra: ["no.such.property": "1"]
                ),
                logger: TestSupport.logger("bad-config")
            )
        }

        // Then
        #expect(error?.kind == .configuration)
        #expect(error?.message.contains("no.such.property") == true)
    }

    @Test func flush_nothingQueued_returnsImmediately() async throws {
        try await withMockTopic { cluster, _ in
            // Given
            let producer = try KafkaProducer(
                configuration: cluster.clientConfiguration(clientID: "test-producer"),
                logger: TestSupport.logger("producer")
            )

            // When / Then
            try await producer.flush(timeout: .milliseconds(100))
            await producer.close()
        }
    }
}

extension Logger {
    /// A copy of this logger at another level.
    func withLevel(_ level: Logger.Level) -> Logger {
        var logger = self
        logger.logLevel = level
        return logger
    }
}
