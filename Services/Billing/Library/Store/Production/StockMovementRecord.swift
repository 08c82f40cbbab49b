import Foundation
import GRDB

/// One stock movement: a signed quantity of an article in a warehouse (receipts and transfers in
/// are positive, issues and transfers out negative). Stock on hand is their sum.
struct StockMovementRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "stockMovement"

    /// The movement's own id; a transfer writes two movements sharing one reference.
    var id: String
    /// The catalogue article that moved.
    var articleCode: String
    /// The warehouse whose stock changes.
    var warehouseID: String
    /// Positive into the warehouse, negative out of it (never zero).
    var quantity: Double
    /// `receipt`, `issue`, `transfer`.
    var kind: String
    /// What caused it: the report id of an issue (unique per article, which makes a redelivered
    /// report harmless), a transfer's id, the clerk's note of a receipt.
    var reference: String
    /// When the goods moved (for an issue, when the report was closed).
    var createdAt: Date
    /// Who booked it: the warehouse keeper's name, or the technician of an issue.
    var createdBy: String

    /// The columns the store's queries name.
    enum Columns {
        /// The `articleCode` column: the article that moved, which the stock on hand is summed by.
        static let articleCode = Column(CodingKeys.articleCode)
        /// The `quantity` column: signed (in positive, out negative), summed into the stock on hand.
        static let quantity = Column(CodingKeys.quantity)
        /// The `reference` column: what caused the movement; a report's issue is not booked twice under it.
        static let reference = Column(CodingKeys.reference)
    }
}
