import ArgumentParser
import AriannaKafka
import AriannaPoisonCorpus
import AriannaProtocol
import Foundation
import Logging

/// `arianna-bench poison`: publishes the poison corpus (``PoisonCorpus``) to every topic some
/// service consumes and writes one JSON line per message to `--out`, which
/// `arianna-bench dead-letters --expect` then checks against the dead-letter topic. Used by the
/// chaos matrix (`scripts/chaos.sh`) and by hand against a running system.
struct PoisonPublish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poison",
        abstract: "Publish the poison corpus to the consumed topics; write the expectations as JSON lines.")

    /// The Kafka brokers the poison corpus is published to.
    @Option(help: "Kafka bootstrap servers.") var brokers = "127.0.0.1:9092"
    /// The file getting one JSON line per published message, read back by `arianna-bench dead-letters --expect`.
    @Option(help: "Where to write one JSON line per message: {\"topic\", \"id\", \"kind\", \"groups\", \"prefix\"}.")
    var out: String
    /// Which consumed topics get the corpus: `all`, or their names, comma-separated.
    @Option(help: "'all', or a comma-separated list of topics (tickets, setup, arianna.intake.requests…).")
    var topics = "all"
    /// The topic prefix the running services use.
    @Option(help: "The services' topic prefix (ARIANNA_TOPIC_PREFIX).") var prefix = ""
    /// The marker prefix of this run's messages, so its dead letters are told from an earlier run's; random when
    /// absent.
    @Option(help: "The run's marker prefix; random when absent.") var run: String?
    /// The partitions of a topic this command creates because no service has yet.
    @Option(help: "Partitions of a topic that does not exist yet (the services' default is 3).") var partitions = 3
    /// Which services are running (`all` or their names): only their consumer groups are expected to dead-letter.
    @Option(
        help:
            "'all', or the services running (e.g. intake,planner,webreport): only their groups are expected to dead-letter."
    )
    var services = "all"

    func run() async throws {
        var logger = Logger(label: "bench.poison")
        logger.logLevel = .warning
        let names = TopicNames(prefix: prefix)
        let chosen = try Self.topics(from: topics)
        let runID = run ?? String(UUID().uuidString.prefix(8)).lowercased()
        // The oversized message is bigger than the services' own producer limit on purpose: a
        // hostile producer is not bound by it, only by what the broker accepts.
        let client = KafkaClientConfiguration(
            bootstrapServers: brokers, clientID: "arianna-bench-poison",
            extra: ["message.max.bytes": String(KafkaSizeLimits.hostileProducerMessageBytes)])
        try await KafkaAdmin.ensureTopics(
            chosen.map { .init(name: names.name(of: $0), partitions: partitions, replicationFactor: 1) },
            configuration: client, timeout: .seconds(60), logger: logger)
        let producer = try KafkaProducer(configuration: client, logger: logger)
        let messages = chosen.flatMap { PoisonCorpus.messages(for: $0, run: runID, names: names) }
        var lines = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var pairs = 0
        for message in messages {
            _ = try await producer.send(message.record)
            var expectation = message.expectation
            if services != "all" {
                let running = Set(services.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                expectation.groups = expectation.expectedGroups.filter {
                    running.contains(PoisonCorpus.service(ofGroup: $0, prefix: prefix))
                }
            }
            pairs += expectation.expectedGroups.count
            lines += String(decoding: try encoder.encode(expectation), as: UTF8.self) + "\n"
        }
        await producer.close()
        try lines.write(toFile: out, atomically: true, encoding: .utf8)
        print(
            "poison: published \(messages.count) messages on \(chosen.count) topics (run \(runID)); "
                + "expect \(pairs) dead letters (one per consuming group); expectations in \(out)")
    }

    /// The topics named by `--topics`.
    static func topics(from list: String) throws -> [Topic] {
        if list == "all" { return PoisonCorpus.consumedTopics }
        return try list.split(separator: ",").map { raw in
            let name = raw.trimmingCharacters(in: .whitespaces)
            let full = name.hasPrefix("arianna.") ? name : "arianna.\(name)"
            guard let topic = Topic(rawValue: full), PoisonCorpus.consumedTopics.contains(topic) else {
                throw ValidationError(
                    "--topics: '\(name)' is not a consumed topic; use "
                        + PoisonCorpus.consumedTopics.map(\.rawValue).joined(separator: ", "))
            }
            return topic
        }
    }
}
