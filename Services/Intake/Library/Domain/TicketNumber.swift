/// A ticket's document number as the numbering sequence of its activity type makes it:
/// `<prefix>/<year>/<six-digit counter>`, e.g. `TCK/2026/000123`. Counters are gapless per
/// sequence and year (see `IntakeStore.nextNumber`).
public struct TicketNumber: Sendable, Equatable, CustomStringConvertible {
    public let prefix: String
    public let year: Int
    public let counter: Int

    public init(prefix: String, year: Int, counter: Int) {
        self.prefix = prefix
        self.year = year
        self.counter = counter
    }

    public var description: String {
        let digits = String(counter)
        return "\(prefix)/\(year)/\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)"
    }
}
