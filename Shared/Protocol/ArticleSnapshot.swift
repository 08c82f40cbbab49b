/// The full current state of one article of billing/production's catalogue, published every time
/// it changes so web-report can propose and check article codes. A snapshot: consumers upsert.
public struct ArticleSnapshot: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "catalogue.article.v1"
    /// Published on this topic.
    public static let topic = Topic.billing

    /// The article code (non-empty), what reports and activity types name.
    public var code: String
    /// Italian description (non-empty).
    public var description: String
    /// English description, when one was written.
    public var descriptionEN: String?
    /// Unit of measure, e.g. `"pz"`, `"h"`, `"m"` (non-empty).
    public var unit: String
    /// Price of one unit in cents, VAT excluded (not negative).
    public var unitPriceCents: Int
    /// The VAT rate in percent: 22, 10, 4 or 0.
    public var vatRatePercent: Double
    /// Whether it is a material, a service or a kit (a kit has a bill of materials).
    public var kind: ArticleKind
    /// `false` once deactivated: no longer proposed, still known for old documents.
    public var active: Bool

    /// Key: `"article:<code>"`.
    public var aggregateID: String { "article:\(code)" }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        code: String, description: String, descriptionEN: String?, unit: String, unitPriceCents: Int,
        vatRatePercent: Double, kind: ArticleKind, active: Bool
    ) {
        self.code = code
        self.description = description
        self.descriptionEN = descriptionEN
        self.unit = unit
        self.unitPriceCents = unitPriceCents
        self.vatRatePercent = vatRatePercent
        self.kind = kind
        self.active = active
    }
}

extension ArticleSnapshot {
    /// The VAT rates an article may carry, in percent.
    public static let vatRatesPercent: [Double] = [22, 10, 4, 0]
}

extension ArticleSnapshot: PayloadValidating {
    /// An article billing can put on a line: code, description, unit, a price that is not negative and
    /// an Italian VAT rate (22, 10, 4, 0).
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(code, "code")
        check.nonEmpty(description, "description")
        check.nonEmpty(unit, "unit")
        check.nonNegative(unitPriceCents, "unitPriceCents")
        check.require(
            Self.vatRatesPercent.contains(vatRatePercent),
            "vatRatePercent \(vatRatePercent) must be one of 22, 10, 4, 0")
    }
}
