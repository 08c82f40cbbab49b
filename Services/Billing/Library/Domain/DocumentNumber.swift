/// A billing document number such as `FAT/2026/000001`: prefix, year, counter padded to six
/// digits. The counter restarts each year and has no gaps (Italian invoicing requires it).
struct DocumentNumber: Sendable, Equatable, CustomStringConvertible {
    /// The prefix of billing documents (fattura).
    static let invoicePrefix = "FAT"

    var prefix: String
    var year: Int
    var counter: Int

    var description: String {
        let digits = String(counter)
        return "\(prefix)/\(year)/\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)"
    }
}
