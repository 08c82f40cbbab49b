import GRDB

/// A purchase already ordered and not yet arrived: MRP nets it against the requirements, so it
/// does not propose buying again what is on its way.
struct ExpectedReceiptRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "expectedReceipt"

    /// The receipt's own id.
    var id: String
    /// The catalogue article expected.
    var articleCode: String
    /// How much of it arrives (greater than zero).
    var quantity: Double
    /// When it is due, `yyyy-MM-dd`.
    var dueDate: String

    /// The columns MRP's query names.
    enum Columns {
        /// The `articleCode` column: the article expected, which MRP groups the receipts by.
        static let articleCode = Column(CodingKeys.articleCode)
        /// The `quantity` column: how much of it arrives, which MRP sums per article.
        static let quantity = Column(CodingKeys.quantity)
    }
}
