import Foundation
import GRDB

/// One line of a billing document, in display order. The amount is stored for queries and
/// always equals what ``DocumentLine/amountCents`` computes.
struct BillingLineRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "billingLine"

    var documentID: String
    /// 1-based: the type's articles, labour, travel, then materials in the report's order.
    var position: Int
    var source: DocumentLine.Source
    /// The article code (no foreign key: a flagged line keeps the unknown code the report typed).
    var articleCode: String?
    var description: String
    var unit: String
    var quantity: Double
    var unitPriceCents: Int
    var discountPercent: Double
    var vatRatePercent: Double
    var needsPrice: Bool
    var amountCents: Int

    enum Columns {
        static let documentID = Column(CodingKeys.documentID)
        static let position = Column(CodingKeys.position)
    }

    init(documentID: String, position: Int, line: DocumentLine) {
        self.documentID = documentID
        self.position = position
        source = line.source
        articleCode = line.articleCode
        description = line.description
        unit = line.unit
        quantity = line.quantity
        unitPriceCents = line.unitPriceCents
        discountPercent = line.discountPercent
        vatRatePercent = line.vatRatePercent
        needsPrice = line.needsPrice
        amountCents = line.amountCents
    }

    var line: DocumentLine {
        DocumentLine(
            source: source, articleCode: articleCode, description: description, unit: unit, quantity: quantity,
            unitPriceCents: unitPriceCents, discountPercent: discountPercent, vatRatePercent: vatRatePercent,
            needsPrice: needsPrice)
    }

    /// The lines of `documentID` in order.
    static func lines(of documentID: String, in db: Database) throws -> [BillingLineRecord] {
        try BillingLineRecord.filter(Columns.documentID == documentID).order(Columns.position).fetchAll(db)
    }
}

/// One recorded change of a draft line: who changed which field from what to what, and when.
struct BillingLineChangeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "billingLineChange"

    var documentID: String
    var position: Int
    var field: String
    var oldValue: String
    var newValue: String
    var changedBy: String
    var changedAt: Date
}
