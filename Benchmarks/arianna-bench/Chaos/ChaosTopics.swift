import ArgumentParser
import AriannaKafka
import AriannaPoisonCorpus
import Foundation
import Logging
import Synchronization

/// `chaos-topics`: reads the flow's topics of one system from the beginning (its own fresh
/// consumer group, nothing committed that a service could notice) until it has caught up, and
/// writes per topic and event type how many records, distinct event ids and distinct subjects
/// (the payload's `ticketID`, else the record key) it holds, and every subject that has more
/// than one distinct event of a type that happens once per call — for `scripts/chaos-count.py`.
/// A record redelivered with the same event id is not a double: the consumers' inboxes skip it.
struct ChaosTopics: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos-topics", abstract: "Count the events on the flow's topics (scripts/chaos.sh).")

    /// The Kafka brokers of the system whose topics are counted.
    @Option(help: "Kafka bootstrap servers.") var brokers = "127.0.0.1:9092"
    /// The topic prefix the services ran with, so the counts read their topics and no other run's.
    @Option(help: "The services' topic prefix (ARIANNA_TOPIC_PREFIX).") var prefix = ""
    /// The JSON file the per-topic, per-event-type counts are written to.
    @Option(help: "Where to write the counts (JSON).") var out: String
    /// How long the counting consumer may take to reach the end of every topic.
    @Option(help: "Seconds to wait for the consumer to catch up.") var timeout = 300
    /// librdkafka properties matching the broker's storage, so this consumer reads it as the services do.
    @Option(help: "librdkafka key=value pairs for the broker's storage (the broker's client.properties).")
    var properties = ""

    /// The durable broker's bucket folder: read the stored records from it instead of fetching.
    @Option(
        help:
            "The durable broker's bucket folder (scripts/broker.sh's DIR/s3): count the records stored there instead of fetching them, which on Tansu's S3 engine takes one fetch per stored request."
    )
    var storageFolder: String?

    /// The topics the flow writes, by their unprefixed names.
    static let topics = [
        "arianna.tickets", "arianna.appointments", "arianna.interventions", "arianna.billing", "arianna.deadletter"
    ]

    func run() async throws {
        let logger = Logger(label: "chaos-topics")
        let names = Self.topics.map { prefix + $0 }
        if let storageFolder {
            var tally = ChaosTally()
            for message in try StoredTopicReader.records(of: names, in: URL(fileURLWithPath: storageFolder)) {
                tally.add(message, prefix: prefix)
            }
            try write(tally.report())
            return
        }
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: KafkaClientConfiguration(
                    bootstrapServers: brokers, clientID: "chaos-topics",
                    extra: KafkaClientConfiguration.properties(parsing: properties)),
                groupID: "chaos-topics-\(UUID().uuidString.prefix(8))", topics: names),
            logger: logger)
        let tally = Mutex(ChaosTally())
        let reading = Task {
            while !Task.isCancelled {
                // An empty batch is not the end: a durable broker can take longer than the wait to
                // answer a fetch. The loop stops when the lag check below has seen the end.
                let batch = try await consumer.nextBatch(maxCount: 500, maxWait: .milliseconds(100))
                if batch.isEmpty { continue }
                tally.withLock { tally in for message in batch { tally.add(message, prefix: prefix) } }
                // Stored offsets are what `lag()` measures against: read to the end means lag 0.
                try consumer.storeOffsets(of: batch)
            }
        }
        let deadline = ContinuousClock.now + .seconds(timeout)
        var caughtUpTimes = 0
        while caughtUpTimes < 3 {
            guard ContinuousClock.now < deadline else {
                throw BenchFailure("chaos-topics did not catch up in \(timeout) s")
            }
            try await Task.sleep(for: .milliseconds(500))
            let lag = (try? await consumer.lag()) ?? []
            let seen = Set(lag.map(\.topic))
            // Caught up: every topic that exists is assigned and read to its end.
            caughtUpTimes =
                !lag.isEmpty && lag.allSatisfy({ $0.highWatermark == 0 || $0.lag == 0 })
                    && seen.count >= names.count - 1 ? caughtUpTimes + 1 : 0
        }
        reading.cancel()
        _ = try? await reading.value
        await consumer.close()
        try write(tally.withLock { $0.report() })
    }

    /// Writes the counts to `out` and says how many records they cover.
    func write(_ report: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys, .prettyPrinted])
        try data.write(to: URL(fileURLWithPath: out))
        print("chaos-topics: \(report["records"] ?? 0) records read")
    }
}

/// The counts `chaos-topics` keeps while reading.
struct ChaosTally: Sendable {
    private var records = 0
    private var perTopic: [String: Int] = [:]
    private var perType: [String: Int] = [:]
    private var ids: [String: Set<String>] = [:]
    /// Per event type, per subject: the distinct event ids.
    private var subjects: [String: [String: Set<String>]] = [:]

    /// Counts one record read from a topic named with `prefix`.
    mutating func add(_ message: KafkaMessage, prefix: String) {
        records += 1
        let topic = String(message.topic.dropFirst(prefix.count))
        perTopic[topic, default: 0] += 1
        guard topic != "arianna.deadletter" else { return }
        // The poison row's messages are checked against the dead-letter topic, not counted as the
        // calls' events: a poison `intervention.closed.v1` without a ticket would look like a double.
        guard !message.headers.contains(where: { $0.key == PoisonCorpus.markerHeader }) else { return }
        let envelope = (try? JSONSerialization.jsonObject(with: Data(message.value))) as? [String: Any] ?? [:]
        let type = envelope["type"] as? String ?? "(not an event)"
        let id = envelope["id"] as? String ?? "offset-\(message.partition)-\(message.offset)"
        let data = envelope["data"] as? [String: Any] ?? [:]
        let subject = data["ticketID"] as? String ?? message.key.map { String(decoding: $0, as: UTF8.self) } ?? ""
        perType[type, default: 0] += 1
        ids[type, default: []].insert(id)
        subjects[type, default: [:]][subject, default: []].insert(id)
    }

    /// JSON-ready: records per topic; per type the records, distinct ids, distinct subjects
    /// and the subjects with more than one distinct event.
    func report() -> [String: Any] {
        var types: [String: Any] = [:]
        for (type, count) in perType {
            let bySubject = subjects[type] ?? [:]
            types[type] = [
                "records": count, "events": ids[type]?.count ?? 0, "subjects": bySubject.count,
                "subjectsWithSeveral": bySubject.filter { $0.value.count > 1 }.count,
                "subjectList": Array(bySubject.keys)
            ]
        }
        return ["records": records, "topics": perTopic, "types": types]
    }
}
