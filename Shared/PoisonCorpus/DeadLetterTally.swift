public import AriannaKafka
import Foundation

/// What the dead-letter topic holds compared with the poison sent: for every (message, consumer
/// group that reads its topic), found once, missing or duplicated; plus records nobody expected
/// and records without a reason. "Exactly the poison set" means ``isExact``.
public struct DeadLetterTally: Sendable {
    /// The dead-letter header holding the reason (`HeaderName.deadLetterReason` in ServiceKit).
    public static let reasonHeader = "arianna.deadletter.reason"
    /// The dead-letter header naming the consumer group that dead-lettered the record.
    public static let groupHeader = "arianna.origin.group"

    /// One (poison message, consumer group) pair and how often it was dead-lettered.
    public struct Row: Sendable {
        /// The poison message that was sent.
        public let expectation: PoisonExpectation
        /// The consumer group expected to dead-letter it.
        public let group: String
        /// How many dead letters of this message this group wrote: exactly one is right.
        public var copies = 0
        /// The reasons the dead letters gave, one per copy.
        public var reasons: [String] = []
    }

    /// Every expected pair, in the expectation file's order.
    public private(set) var rows: [Row]
    /// Dead-letter records that match no expected pair (no marker, an unknown marker, or a
    /// group that does not read the topic): "marker @ group: reason".
    public private(set) var unexpected: [String] = []
    /// Expected records that came without a reason header.
    public private(set) var withoutReason: [String] = []
    private var index: [String: Int] = [:]

    /// A tally expecting each line of `expectations` once per consuming group.
    public init(expecting expectations: [PoisonExpectation]) {
        rows = expectations.flatMap { expectation in
            expectation.expectedGroups.map { Row(expectation: expectation, group: $0) }
        }
        for (position, row) in rows.enumerated() { index[Self.key(row.expectation.id, row.group)] = position }
    }

    /// Counts one record of the dead-letter topic.
    public mutating func count(_ record: KafkaMessage) {
        let group = record.header(named: Self.groupHeader)?.stringValue ?? "?"
        let reason = record.header(named: Self.reasonHeader)?.stringValue ?? ""
        guard let marker = PoisonCorpus.marker(of: record), let position = index[Self.key(marker, group)] else {
            let marker = PoisonCorpus.marker(of: record) ?? "(no marker)"
            unexpected.append("\(marker.prefix(120)) @ \(group): \(reason.isEmpty ? "(no reason)" : reason)")
            return
        }
        rows[position].copies += 1
        if reason.trimmingCharacters(in: .whitespaces).isEmpty {
            withoutReason.append("\(marker) @ \(group)")
        } else {
            rows[position].reasons.append(reason)
        }
    }

    /// Every expected pair has arrived at least once.
    public var allFound: Bool { rows.allSatisfy { $0.copies > 0 } }
    /// Pairs not (yet) dead-lettered.
    public var missing: [Row] { rows.filter { $0.copies == 0 } }
    /// Pairs dead-lettered more than once.
    public var duplicated: [Row] { rows.filter { $0.copies > 1 } }
    /// Pairs dead-lettered exactly once.
    public var foundOnce: [Row] { rows.filter { $0.copies == 1 } }
    /// The dead-letter topic holds exactly the poison set, each once per consuming group, each
    /// with a reason.
    public var isExact: Bool { missing.isEmpty && duplicated.isEmpty && unexpected.isEmpty && withoutReason.isEmpty }

    /// A plain-text report: totals, then per consuming service and per kind, then the details
    /// of every problem.
    public func report(prefix: String) -> String {
        var lines = [
            "dead letters: expected \(rows.count), found once \(foundOnce.count), missing \(missing.count), "
                + "duplicated \(duplicated.count), unexpected \(unexpected.count), without reason \(withoutReason.count)"
        ]
        func section(_ title: String, _ label: (Row) -> String) {
            lines.append(title)
            let groups = Dictionary(grouping: rows, by: label)
            for name in groups.keys.sorted() {
                let rows = groups[name] ?? []
                lines.append(
                    "  \(name.padding(toLength: 20, withPad: " ", startingAt: 0)) expected \(rows.count)"
                        + " once \(rows.filter { $0.copies == 1 }.count) missing \(rows.filter { $0.copies == 0 }.count)"
                        + " duplicated \(rows.filter { $0.copies > 1 }.count)")
            }
        }
        section("per consuming service:") { PoisonCorpus.service(ofGroup: $0.group, prefix: prefix) }
        section("per kind:") { $0.expectation.kind.rawValue }
        for row in missing { lines.append("MISSING    \(row.expectation.id) @ \(row.group)") }
        for row in duplicated { lines.append("DUPLICATED \(row.expectation.id) @ \(row.group) ×\(row.copies)") }
        for line in unexpected { lines.append("UNEXPECTED \(line)") }
        for line in withoutReason { lines.append("NO REASON  \(line)") }
        return lines.joined(separator: "\n")
    }

    private static func key(_ marker: String, _ group: String) -> String { "\(marker)\u{0}\(group)" }
}
