/// A ticket's document number as the numbering sequence of its activity type makes it:
/// `<prefix>/<year>/<counter padded to the sequence's digits, 6 by default>`, e.g.
/// `TCK/2026/000123`. Counters are gapless per sequence and year (see `IntakeStore.nextNumber`).
public struct TicketNumber: Sendable, Equatable, CustomStringConvertible {
    public let prefix: String
    public let year: Int
    public let counter: Int
    /// How many digits the counter shows at least (the sequence's `padding`).
    public let padding: Int

    /// The default padding of a sequence without a definition.
    public static let defaultPadding = 6

    public init(prefix: String, year: Int, counter: Int, padding: Int = TicketNumber.defaultPadding) {
        self.prefix = prefix
        self.year = year
        self.counter = counter
        self.padding = padding
    }

    public var description: String {
        let digits = String(counter)
        return "\(prefix)/\(year)/\(String(repeating: "0", count: max(0, padding - digits.count)))\(digits)"
    }
}
