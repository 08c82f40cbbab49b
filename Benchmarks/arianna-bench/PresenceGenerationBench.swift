import ArgumentParser
import Foundation
import GRDB

/// "Generate recurrences" (R8) at scale: one year of daily presences for 5,000 operators on an
/// on-disk store, written in transactions of about 2,000 presences, then the same run again
/// (idempotent: it must create nothing).
struct PresenceGenerationBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presence-generation", abstract: "Generate a year of daily presences for many operators.")

    /// How many operators (technicians) get presences generated.
    @Option(help: "Operators.") var operators = 5000
    /// The first day of the generated period (YYYY-MM-DD).
    @Option(help: "First day.") var from = "2031-01-01"
    /// The last day of the generated period (YYYY-MM-DD).
    @Option(help: "Last day.") var to = "2031-12-31"

    func run() async throws {
        let bench = try PlannerBenchStore()
        defer { bench.remove() }
        try await bench.seedOperators(operators, weekends: true)
        print("presence generation: \(operators) operators, daily rule, \(from)…\(to), on-disk WAL store")
        let (first, firstTime) = try await bench.generate(from: from, to: to)
        print(
            String(
                format: "  first run:  %.2f s, %d presences created, %d operator-months, %.0f presences/s",
                firstTime.seconds, first.created, first.processed, Double(first.created) / firstTime.seconds))
        let (second, secondTime) = try await bench.generate(from: from, to: to)
        print(
            String(
                format: "  second run: %.2f s, %d created, %d unchanged (idempotent)",
                secondTime.seconds, second.created, second.unchanged))
        let size =
            (try? FileManager.default.attributesOfItem(atPath: bench.context.configuration.databaseURL.path)[.size]
                as? Int) ?? 0
        print("  store size: \(size / 1_048_576) MiB")
    }
}
