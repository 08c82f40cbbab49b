import GRDB

/// An article billing can put on a document (SPEC R19 "billing articles"), with its price.
struct ArticleRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "article"

    /// Upper-case code, e.g. `FILTER-01`; technicians type it on their reports.
    var code: String
    var description: String
    /// Unit of measure: `h`, `pc`, `m`…
    var unit: String
    var unitPriceCents: Int

    enum Columns {
        static let code = Column(CodingKeys.code)
    }

    /// The code of the hourly labour article; its price is the labour rate.
    static let labourCode = "LAB-HOUR"

    /// What a new installation starts with, so closed tickets are priced from day one.
    static let startingCatalogue: [ArticleRecord] = [
        ArticleRecord(code: labourCode, description: "Labour (per hour)", unit: "h", unitPriceCents: 4500),
        ArticleRecord(code: "FILTER-01", description: "Boiler filter", unit: "pc", unitPriceCents: 1250),
        ArticleRecord(code: "PIPE-22", description: "Copper pipe 22 mm", unit: "m", unitPriceCents: 890),
        ArticleRecord(code: "VALVE-3W", description: "Three-way valve", unit: "pc", unitPriceCents: 4800),
        ArticleRecord(code: "GASKET-KIT", description: "Gasket kit", unit: "pc", unitPriceCents: 650),
    ]

    var price: BillingCalculator.Price {
        BillingCalculator.Price(code: code, description: description, unitPriceCents: unitPriceCents)
    }
}
