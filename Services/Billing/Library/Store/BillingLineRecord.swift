import BillingDomain
import Foundation
import GRDB

/// One line of a billing document, in display order. The amount is stored for queries and
/// always equals what ``DocumentLine/amountCents`` computes.
struct BillingLineRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "billingLine"

    /// The document the line belongs to.
    var documentID: String
    /// 1-based: the type's articles, labour, travel, then materials in the report's order.
    var position: Int
    /// Where the line came from: the type's articles, labour, travel or a material.
    var source: DocumentLine.Source
    /// The article code (no foreign key: a flagged line keeps the unknown code the report typed).
    var articleCode: String?
    /// What the customer reads on the line.
    var description: String
    /// Unit of measure, e.g. `h`, `pz`.
    var unit: String
    /// Greater than zero.
    var quantity: Double
    /// Price of one unit in cents, VAT excluded.
    var unitPriceCents: Int
    /// 0…100, from the registration type's rule or the clerk.
    var discountPercent: Double
    /// 22, 10, 4 or 0.
    var vatRatePercent: Double
    /// The catalogue did not know the article: the clerk must price it before confirming.
    var needsPrice: Bool
    /// `quantity × price × (1 − discount)`, rounded once.
    var amountCents: Int

    /// The columns the store's queries name.
    enum Columns {
        /// The `documentID` column: the document whose lines are read, replaced or edited.
        static let documentID = Column(CodingKeys.documentID)
        /// The `position` column: the line's 1-based place, the document's order and an edit's target.
        static let position = Column(CodingKeys.position)
    }

    /// Line `position` of `documentID` as `line` computes it.
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

    /// The line as the domain computes with it.
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

    /// The document changed.
    var documentID: String
    /// The line changed.
    var position: Int
    /// Which field: `quantity`, `price`, `discountPercent`, `vatRatePercent` or `description`.
    var field: String
    /// The value before, as shown.
    var oldValue: String
    /// The value after, as shown.
    var newValue: String
    /// Who changed it (their display name).
    var changedBy: String
    /// When.
    var changedAt: Date

    /// The columns the store's queries name.
    enum Columns {
        /// The `documentID` column: the document whose change log is read.
        static let documentID = Column(CodingKeys.documentID)
        /// The `changedAt` column: when the clerk changed the line, the change log's order.
        static let changedAt = Column(CodingKeys.changedAt)
    }
}
