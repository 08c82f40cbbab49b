import AriannaKafka
import Testing

/// Consumer behaviour against librdkafka's in-process mock cluster.
@Suite("KafkaConsumer (mock cluster)")
struct KafkaConsumerTests {
    @Test func next_returnsProducedRecordsInOrderWithKeysAndHeaders() async throws {
        try await withMockTopic { cluster, topic in
            // Given
            let records = TestSupport.records(10, topic: topic)
            let producer = try KafkaProducer(
                configuration: cluster.clientConfiguration(clientID: "test-producer"),
                logger: TestSupport.logger("producer")
            )
            for record in records {
                _ = try await producer.send(record)
            }
            await producer.close()
            let consumer = try KafkaConsumer(
                configuration: .mock(
                    servers: cluster.bootstrapServers, group: TestSupport.unique("group"), topic: topic),
                logger: TestSupport.logger("consumer")
            )

            // When
            let messages = try await TestSupport.read(10, from: consumer)
            await consumer.close()

            // Then
            #expect(messages.map(\.offset) == Array(0..<10))
            for (message, record) in zip(messages, records) {
                #expect(message.topic == topic)
                #expect(message.partition == 0)
                #expect(message.key == record.key)
                #expect(message.value == record.value)
                #expect(message.headers == record.headers)
                #expect(message.timestamp != nil)
            }
        }
    }

    @Test func reopen_resumesAfterLastStoredOffset() async throws {
        try await withMockTopic { cluster, topic in
            // Given: six records, of which the first consumer processes three
            let producer = try KafkaProducer(
                configuration: cluster.clientConfiguration(clientID: "test-producer"),
                logger: TestSupport.logger("producer")
            )
            for record in TestSupport.records(6, topic: topic) {
                _ = try await producer.send(record)
            }
            await producer.close()
            let group = TestSupport.unique("group")
            let first = try KafkaConsumer(
                configuration: .mock(servers: cluster.bootstrapServers, group: group, topic: topic),
                logger: TestSupport.logger("consumer-1")
            )
            let delivered = try await TestSupport.read(6, from: first)
            for message in delivered.prefix(3) {
                try first.storeOffset(of: message)
            }
            await first.close()

            // When: the group's next member starts
            let second = try KafkaConsumer(
                configuration: .mock(servers: cluster.bootstrapServers, group: group, topic: topic),
                logger: TestSupport.logger("consumer-2")
            )
            let redelivered = try await TestSupport.read(3, from: second)
            await second.close()

            // Then: stored ones are not redelivered, the unstored ones are
            #expect(redelivered.map(\.offset) == [3, 4, 5])
            #expect(redelivered.map(\.value) == delivered.suffix(3).map(\.value))
        }
    }

    @Test func commit_storedOffsets_succeedsAndNothingStoredIsSuccess() async throws {
        try await withMockTopic { cluster, topic in
            // Given
            let producer = try KafkaProducer(
                configuration: cluster.clientConfiguration(clientID: "test-producer"),
                logger: TestSupport.logger("producer")
            )
            _ = try await producer.send(TestSupport.records(1, topic: topic)[0])
            await producer.close()
            let consumer = try KafkaConsumer(
                configuration: .mock(
                    servers: cluster.bootstrapServers, group: TestSupport.unique("group"), topic: topic),
                logger: TestSupport.logger("consumer")
            )
            let message = try #require(try await TestSupport.read(1, from: consumer).first)

            // When / Then
            try await consumer.commit()
            try consumer.storeOffset(of: message)
            try await consumer.commit()
            await consumer.close()
        }
    }

    @Test func close_endsPendingNextAndLaterCalls() async throws {
        try await withMockTopic { cluster, topic in
            // Given: a consumer waiting on an empty topic
            let consumer = try KafkaConsumer(
                configuration: .mock(
                    servers: cluster.bootstrapServers, group: TestSupport.unique("group"), topic: topic),
                logger: TestSupport.logger("consumer")
            )
            let pending = Task { try await consumer.next() }
            try await Task.sleep(for: .milliseconds(300))

            // When
            await consumer.close()
            await consumer.close()  // idempotent

            // Then
            #expect(try await pending.value == nil)
            #expect(try await consumer.next() == nil)
            let error = #expect(throws: KafkaError.self) {
                try consumer.storeOffset(of: KafkaMessage(topic: topic, partition: 0, offset: 0, key: nil, value: []))
            }
            #expect(error?.kind == .closed)
        }
    }

    @Test func messages_cancelledTask_endsSequence() async throws {
        try await withMockTopic { cluster, topic in
            // Given
            let consumer = try KafkaConsumer(
                configuration: .mock(
                    servers: cluster.bootstrapServers, group: TestSupport.unique("group"), topic: topic),
                logger: TestSupport.logger("consumer")
            )
            let iteration = Task {
                var count = 0
                for try await _ in consumer.messages { count += 1 }
                return count
            }
            try await Task.sleep(for: .milliseconds(300))

            // When
            iteration.cancel()

            // Then
            #expect(try await iteration.value == 0)
            await consumer.close()
        }
    }
}
