import GRDB

/// One line of a billing document, in display order.
struct BillingLineRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "billingLine"

    var documentID: String
    /// 1-based; labour first, then materials in the report's order.
    var position: Int
    /// The catalogue article; `nil` for a material the catalogue does not know.
    var articleCode: String?
    var description: String
    /// Hours for labour, the article's unit otherwise.
    var quantity: Double
    var unitPriceCents: Int
    var amountCents: Int

    enum Columns {
        static let documentID = Column(CodingKeys.documentID)
        static let position = Column(CodingKeys.position)
    }
}
