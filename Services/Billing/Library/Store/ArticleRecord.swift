import AriannaProtocol
import BillingDomain
import GRDB

/// An article of billing/production's catalogue (R19 "billing articles"): what a document line,
/// a bill of materials or a stock movement names by code.
struct ArticleRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "article"

    /// Upper-case code, e.g. `FILTER-01`; technicians type it on their reports.
    var code: String
    /// Italian description, printed on documents.
    var description: String
    /// English description, when one was written.
    var descriptionEN: String?
    /// Unit of measure: `h`, `pz`, `m`…
    var unit: String
    /// Price of one unit in cents, VAT excluded.
    var unitPriceCents: Int
    /// 22, 10, 4 or 0.
    var vatRatePercent: Double
    /// Labour, material, service or finished product: what the forms and reports offer it for.
    var kind: ArticleKind
    /// `false` once deactivated: kept for the documents that name it, proposed no more.
    var active: Bool

    /// The columns the store's queries name.
    enum Columns {
        /// The `code` column: the catalogue's key, the lists' order and cursor, matched by the search.
        static let code = Column(CodingKeys.code)
        /// The `description` column: the Italian description the article search matches.
        static let description = Column(CodingKeys.description)
        /// The `descriptionEN` column: the English description the article search matches too.
        static let descriptionEN = Column(CodingKeys.descriptionEN)
        /// The `active` column: false for a retired article, which the lists and pickers leave out.
        static let active = Column(CodingKeys.active)
    }

    /// The articles whose code or either description contains `text` (SQLite's `LIKE`, so
    /// without regard to ASCII case).
    static func matching(_ text: String) -> SQLExpression {
        let pattern = "%\(text)%"
        return Columns.code.like(pattern) || Columns.description.like(pattern) || Columns.descriptionEN.like(pattern)
    }

    /// The article as `catalogue.article.v1` publishes it.
    var snapshot: ArticleSnapshot {
        ArticleSnapshot(
            code: code, description: description, descriptionEN: descriptionEN, unit: unit,
            unitPriceCents: unitPriceCents, vatRatePercent: vatRatePercent, kind: kind, active: active)
    }

    /// The description in `language` (Italian when no English one was written).
    func description(in english: Bool) -> String {
        english ? (descriptionEN ?? description) : description
    }
}

extension ArticleRecord {
    /// The stored form of an article the domain checked (``ArticleInput/validated(code:storedActive:)``).
    init(_ article: ArticleSnapshot) {
        self.init(
            code: article.code, description: article.description, descriptionEN: article.descriptionEN,
            unit: article.unit, unitPriceCents: article.unitPriceCents, vatRatePercent: article.vatRatePercent,
            kind: article.kind, active: article.active)
    }
}
