import ArgumentParser
import AriannaKafka
import AriannaPoisonCorpus
import AriannaProtocol
import Foundation
import Logging

/// `arianna-bench dead-letters`: reads the dead-letter topic from its beginning with a fresh
/// group and compares it with the expectations `arianna-bench poison` wrote. Exits 0 only when
/// the topic holds exactly the poison set: each message once per consumer group reading its
/// topic, each with a reason, nothing else.
struct DeadLetterCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters",
        abstract: "Check that the dead-letter topic holds exactly the poison set, once per consuming group.")

    /// The Kafka brokers holding the dead-letter topic.
    @Option(help: "Kafka bootstrap servers.") var brokers = "127.0.0.1:9092"
    /// The expectations file that `arianna-bench poison --out` wrote: which poison messages must be dead-lettered.
    @Option(help: "The JSON lines written by `arianna-bench poison --out`.") var expect: String
    /// How long every expected dead letter may take to arrive.
    @Option(help: "Seconds to wait for every expected dead letter.") var timeout = 60.0
    /// How long to keep reading after the last expected dead letter, so late duplicates are seen.
    @Option(help: "Seconds to keep reading after the last expected one, to see duplicates.") var settle = 3.0
    /// The topic prefix to read; nil: the one recorded in the expectations.
    @Option(help: "The topic prefix; by default the one recorded in the expectations.") var prefix: String?

    func run() async throws {
        var logger = Logger(label: "bench.dead-letters")
        logger.logLevel = .warning
        let expectations = try Self.read(expect)
        let prefix = self.prefix ?? expectations.first?.prefix ?? ""
        let tally = try await DeadLetterReader.collect(
            expecting: expectations, brokers: brokers, topics: TopicNames(prefix: prefix),
            timeout: .milliseconds(Int(timeout * 1000)), settle: .milliseconds(Int(settle * 1000)), logger: logger)
        print(tally.report(prefix: prefix))
        guard tally.isExact else { throw ExitCode(1) }
    }

    /// The expectation lines of `path` (blank lines skipped).
    static func read(_ path: String) throws -> [PoisonExpectation] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(whereSeparator: \.isNewline).enumerated().map { number, line in
            do {
                return try decoder.decode(PoisonExpectation.self, from: Data(line.utf8))
            } catch {
                throw ValidationError("\(path):\(number + 1): not an expectation line (\(error))")
            }
        }
    }
}
