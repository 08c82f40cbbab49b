public import Foundation

/// A document number of a yearly, gapless sequence — `<prefix>/<year>/<counter>`, the counter
/// padded to `padding` digits (e.g. `TCK/2026/000123`, `FAT/2026/000045`). Intake numbers tickets
/// and billing numbers documents with it, so both agree on the year.
///
/// The year is the company's: computed in its time zone, not the process's. At 00:30 on
/// 1 January in Rome the UTC year is still the old one, and a number of the old year would
/// break the yearly sequence (and Italian invoicing, which wants it gapless per year).
public struct YearlyNumber: Sendable, Equatable, CustomStringConvertible {
    /// The sequence's prefix: `TCK`, `FAT`, `NC`, `ODP`…
    public let prefix: String
    /// The company's year the number was issued in.
    public let year: Int
    /// The position in the year's sequence, from 1, without gaps.
    public let counter: Int
    /// How many digits the counter shows at least.
    public let padding: Int

    /// The padding of a sequence that does not say otherwise.
    public static let defaultPadding = 6

    /// A number of sequence `prefix`; ``NumberingSequence/next(prefix:at:timeZone:padding:in:)``
    /// takes the next one.
    public init(prefix: String, year: Int, counter: Int, padding: Int = YearlyNumber.defaultPadding) {
        self.prefix = prefix
        self.year = year
        self.counter = counter
        self.padding = padding
    }

    /// The year `date` falls in for a company in `timeZone`.
    public static func year(of date: Date, in timeZone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.component(.year, from: date)
    }

    /// `<prefix>/<year>/<counter>`, the counter zero-padded: the number as printed.
    public var description: String {
        let digits = String(counter)
        return "\(prefix)/\(year)/\(String(repeating: "0", count: max(0, padding - digits.count)))\(digits)"
    }
}
