import AriannaKafka
import AriannaPoisonCorpus
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The producer against the durable broker `make run` and the chaos matrix use (Tansu on its S3
/// storage, started by `scripts/broker.sh … durable`), with the client settings that script
/// writes to `client.properties` — as every service takes them through `ARIANNA_KAFKA_PROPERTIES`.
///
/// Tansu 0.6's S3 engine gives two idempotent producers the same producer id, so the broker mixed
/// their sequence numbers and librdkafka stopped both with a fatal `OUT_OF_ORDER_SEQUENCE_NUMBER`
/// (docs/RELIABILITY.md, finding 3). These tests hold the fix: the settings keep several
/// producers healthy side by side and keep each one's order within a partition.
@Suite("DurableBrokerTests", .serialized)
struct DurableBrokerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func twoProducersSendingConcurrently_onTheDurableBroker_allRecordsAreAcknowledgedInOrder() async throws {
        // Given the durable broker and two producers with its client settings, as two services have them
        let broker = try DurableBroker.start(root: Self.root)
        defer { broker.stop() }
        let properties = try KafkaClientConfiguration.properties(parsing: broker.clientProperties)
        // Each on its own topic, as each service publishes its own events (two producers on one
        // partition at once is what Tansu's S3 engine cannot take: see docs/RELIABILITY.md).
        let topics = [TestSupport.unique("durable-topic-a"), TestSupport.unique("durable-topic-b")]
        try await KafkaAdmin.ensureTopics(
            topics.map { .init(name: $0, partitions: 1) },
            configuration: KafkaClientConfiguration(
                bootstrapServers: broker.address, clientID: "test-admin", extra: properties),
            timeout: .seconds(30),
            logger: TestSupport.logger("admin")
        )
        let producers = try (0..<2).map { index in
            try KafkaProducer(
                configuration: KafkaClientConfiguration(
                    bootstrapServers: broker.address, clientID: "test-producer-\(index)", extra: properties),
                logger: TestSupport.logger("producer-\(index)")
            )
        }

        // When both send batches at the same time, several rounds
        let rounds = 6
        let perRound = 20
        let failures = await withTaskGroup(of: [String].self) { group in
            for (index, producer) in producers.enumerated() {
                group.addTask {
                    var failures: [String] = []
                    for round in 0..<rounds {
                        let messages = (0..<perRound).map { sequence in
                            KafkaOutgoingMessage(
                                topic: topics[index], key: Array("producer-\(index)".utf8),
                                value: Array("\(index)/\(round * perRound + sequence)".utf8))
                        }
                        for case .failure(let error) in await producer.sendAll(messages) {
                            failures.append("producer \(index), round \(round): \(error)")
                        }
                    }
                    return failures
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        for producer in producers { await producer.close() }

        // Then every send was acknowledged, and each producer's records are on its topic once, in order
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: KafkaClientConfiguration(
                    bootstrapServers: broker.address, clientID: "test-reader", extra: properties),
                groupID: TestSupport.unique("durable-reader"),
                topics: topics
            ),
            logger: TestSupport.logger("reader")
        )
        let total = producers.count * rounds * perRound
        let records = try await TestSupport.read(total, from: consumer, timeout: .seconds(90))
        await consumer.close()
        for index in producers.indices {
            let values = records.map { String(decoding: $0.value, as: UTF8.self) }.filter { $0.hasPrefix("\(index)/") }
            #expect(values == (0..<(rounds * perRound)).map { "\(index)/\($0)" })
        }
    }

    @Test func theStoredRecords_readFromTheBucketFolder_areWhatAConsumerFetches() async throws {
        // Given the durable broker and 30 records sent in three requests, with keys and headers
        let broker = try DurableBroker.start(root: Self.root)
        defer { broker.stop() }
        let properties = try KafkaClientConfiguration.properties(parsing: broker.clientProperties)
        let client = KafkaClientConfiguration(
            bootstrapServers: broker.address, clientID: "test-stored", extra: properties)
        let topic = TestSupport.unique("durable-stored")
        try await KafkaAdmin.ensureTopics(
            [.init(name: topic, partitions: 1)], configuration: client, timeout: .seconds(30),
            logger: TestSupport.logger("admin"))
        let producer = try KafkaProducer(configuration: client, logger: TestSupport.logger("producer"))
        for round in 0..<3 {
            let messages = (0..<10).map { index in
                KafkaOutgoingMessage(
                    topic: topic, key: index == 0 ? nil : Array("key-\(round)-\(index)".utf8),
                    value: Array(
                        "{\"n\":\(round * 10 + index),\"text\":\"\(String(repeating: "é", count: index * 40))\"}".utf8),
                    headers: [KafkaHeader(key: "ce_id", value: Array("id-\(round)-\(index)".utf8))])
            }
            for case .failure(let error) in await producer.sendAll(messages) { Issue.record("\(error)") }
        }
        await producer.close()

        // When they are read from the broker's bucket folder, and fetched by a consumer
        let stored = try StoredTopicReader.records(of: [topic], in: broker.folder.appendingPathComponent("s3"))
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: TestSupport.unique("durable-stored-reader"), topics: [topic]),
            logger: TestSupport.logger("reader"))
        let fetched = try await TestSupport.read(30, from: consumer, timeout: .seconds(90))
        await consumer.close()

        // Then both hold the same 30 records: offsets, keys, values and headers
        #expect(stored.count == 30)
        #expect(stored.map(\.offset) == fetched.map(\.offset))
        #expect(stored.map(\.key) == fetched.map(\.key))
        #expect(stored.map(\.value) == fetched.map(\.value))
        #expect(stored.map { $0.headers.map(\.key) } == fetched.map { $0.headers.map(\.key) })
        #expect(stored.map { $0.headers.map(\.value) } == fetched.map { $0.headers.map(\.value) })
        #expect(stored.first?.key == nil && stored.last?.key == Array("key-2-9".utf8))

        // And a damaged object is an error, not a silent gap
        let records = broker.folder.appendingPathComponent(
            "s3/tansu/clusters/tansu_cluster/topics/\(topic)/partitions/0000000000/records")
        let first = try #require(try FileManager.default.contentsOfDirectory(atPath: records.path).sorted().first)
        let damaged = try Data(contentsOf: records.appendingPathComponent(first)).prefix(70)
        try damaged.write(to: records.appendingPathComponent(first))
        #expect(throws: StoredTopicReader.Failure.self) {
            try StoredTopicReader.records(of: [topic], in: broker.folder.appendingPathComponent("s3"))
        }
    }

    @Test func theDurableBrokersClientSettings_keepOrderWithoutIdempotence() async throws {
        // Given the settings scripts/broker.sh writes for the durable storage
        let broker = try DurableBroker.start(root: Self.root)
        defer { broker.stop() }
        let properties = try KafkaClientConfiguration.properties(parsing: broker.clientProperties)

        // Then idempotence is off (the broker's producer ids are not unique) and what kept order with it is set
        #expect(properties["enable.idempotence"] == "false")
        #expect(properties["acks"] == "all")
        #expect(properties["max.in.flight.requests.per.connection"] == "1")
    }
}

/// One durable broker started by `scripts/broker.sh` in a temporary folder.
struct DurableBroker {
    let folder: URL
    let address: String
    let clientProperties: String
    let root: URL

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts Tansu on a free port, on S3 (localbucket) unless `storage` says `memory`; fails the
    /// test, never skips it, if it cannot.
    static func start(root: URL, storage: String = "durable") throws -> DurableBroker {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(TestSupport.unique("durable-broker"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let port = try shell(
            "python3 -c 'import socket; s=socket.socket(); s.bind((\"127.0.0.1\",0)); print(s.getsockname()[1]); s.close()'"
        )
        _ = try shell("bash '\(root.path)/scripts/broker.sh' start '\(folder.path)' \(port) \(storage)")
        let properties = try String(contentsOf: folder.appendingPathComponent("client.properties"), encoding: .utf8)
        return DurableBroker(folder: folder, address: "127.0.0.1:\(port)", clientProperties: properties, root: root)
    }

    /// Stops the broker's process (SIGSTOP) without closing its connections: requests go
    /// unanswered, as from a broker that hangs or dies mid-request. ``stop()`` still ends it.
    func freeze() throws {
        try Self.shell("kill -STOP $(cat '\(folder.path)/tansu.pid')")
    }

    /// Stops the broker and its bucket server, and removes the folder.
    func stop() {
        _ = try? Self.shell("bash '\(root.path)/scripts/broker.sh' stop '\(folder.path)'")
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs `command` with bash; returns its output, trimmed, or throws with it. The output goes
    /// through a file, not a pipe: the broker the script leaves running would hold a pipe open.
    @discardableResult
    static func shell(_ command: String) throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent(TestSupport.unique("durable-shell"))
        defer { try? FileManager.default.removeItem(at: log) }
        let status = system("( \(command) ) >'\(log.path)' 2>&1 </dev/null")
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw Failure(description: "`\(command)` failed (\(status)): \(text)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
