import ServiceKit

/// A billing document number such as `FAT/2026/000001`: prefix, year, counter padded to six
/// digits. The counter restarts each year and has no gaps (Italian invoicing requires it).
struct DocumentNumber: Sendable, Equatable, CustomStringConvertible {
    /// The prefix of billing documents (fattura).
    static let invoicePrefix = "FAT"

    var prefix: String
    var year: Int
    var counter: Int

    /// Written by the numbering helper intake uses too (`YearlyNumber`).
    var description: String { YearlyNumber(prefix: prefix, year: year, counter: counter).description }
}
