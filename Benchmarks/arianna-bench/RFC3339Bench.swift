import ArgumentParser
import AriannaProtocol
import Foundation

/// The wire's timestamps (issue 8): the project's `RFC3339` against Foundation's
/// `Date.ISO8601FormatStyle`, the library the issue asked us to try. Every consumer decodes
/// several timestamps per event and every producer writes them, so this path is hot. Times
/// encoding and decoding the same instants both ways and counts the instants the library does
/// not bring back to the same text (the millisecond contract of `Protocol/RFC3339.swift`).
struct RFC3339Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rfc3339", abstract: "RFC 3339 encode/decode: RFC3339 vs ISO8601FormatStyle.")

    /// How many instants are encoded and decoded, each way.
    @Option(help: "Instants encoded and decoded each way.") var count = 1_000_000

    func run() async throws {
        var generator = SystemRandomNumberGenerator()
        // Whole milliseconds from 1970 to 2065, as every decoded date is.
        let dates = (0..<count).map { _ in
            Date(timeIntervalSince1970: Double(Int64.random(in: 0...3_000_000_000_000, using: &generator)) / 1000)
        }
        let texts = dates.map(RFC3339.string(from:))
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

        print("rfc3339: \(count) instants")
        measure("encode RFC3339") { dates.reduce(0) { $0 + RFC3339.string(from: $1).utf8.count } }
        measure("encode ISO8601FormatStyle") { dates.reduce(0) { $0 + $1.formatted(style).utf8.count } }
        measure("decode RFC3339") { texts.reduce(0) { $0 + (RFC3339.date(from: $1) == nil ? 0 : 1) } }
        measure("decode ISO8601FormatStyle") { texts.reduce(0) { $0 + ((try? style.parse($1)) == nil ? 0 : 1) } }

        var changed = 0
        var example = ""
        for text in texts {
            guard let date = try? style.parse(text) else {
                changed += 1
                continue
            }
            let again = date.formatted(style)
            if again != text {
                changed += 1
                if example.isEmpty { example = " (e.g. \(text) → \(again))" }
            }
        }
        let mine = texts.filter { text in RFC3339.date(from: text).map(RFC3339.string(from:)) != text }.count
        print("  round trip text → Date → text changed: RFC3339 \(mine), ISO8601FormatStyle \(changed)\(example)")
    }

    /// Runs `body` once and prints nanoseconds per instant; `body` returns a checksum so the
    /// optimiser keeps the work.
    private func measure(_ label: String, _ body: () -> Int) {
        let clock = ContinuousClock()
        let start = clock.now
        let checksum = body()
        let elapsed = clock.now - start
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        print(
            "  \(label): \(String(format: "%.0f", nanoseconds / Double(max(1, count)))) ns each (checksum \(checksum))")
    }
}
