/// Values a closed ticket: one labour line for the time worked and one line per material,
/// priced from the article catalogue. Pure, so the amounts are tested without a database.
///
/// Money is integer cents. Each line's amount is rounded once, half away from zero, and the
/// total is the sum of the rounded lines, so the document always adds up.
enum BillingCalculator {
    /// A priced article as the catalogue gives it.
    struct Price: Sendable, Equatable {
        var code: String
        var description: String
        var unitPriceCents: Int
    }

    /// A computed line, before it is numbered and stored.
    struct Line: Sendable, Equatable {
        /// The catalogue article, when the line is for a known one.
        var articleCode: String?
        var description: String
        var quantity: Double
        var unitPriceCents: Int
        var amountCents: Int
    }

    /// Used when the catalogue has lost its labour article, so labour is still billed.
    static let defaultHourlyRateCents = 4500
    /// Suffix of a material line whose article is not in the catalogue: billed at zero for the
    /// back office to price by hand before the draft becomes an invoice.
    static let priceNotSet = "(price not set)"

    /// The lines of a document for `workedMinutes` of labour at `labour`'s hourly rate and
    /// `materials`, each priced by `price(for:)` (nil = unknown article).
    static func lines(
        workedMinutes: Int, labour: Price, materials: [(code: String, description: String, quantity: Double)],
        price: (String) -> Price?
    ) -> [Line] {
        var lines: [Line] = []
        if workedMinutes > 0 {
            lines.append(Line(
                articleCode: labour.code, description: labour.description,
                quantity: Double(workedMinutes) / 60, unitPriceCents: labour.unitPriceCents,
                amountCents: labourAmount(minutes: workedMinutes, hourlyRateCents: labour.unitPriceCents)))
        }
        for material in materials {
            if let article = price(material.code) {
                lines.append(Line(
                    articleCode: article.code, description: "\(article.code) \(article.description)",
                    quantity: material.quantity, unitPriceCents: article.unitPriceCents,
                    amountCents: amount(quantity: material.quantity, unitPriceCents: article.unitPriceCents)))
            } else {
                let typed = material.description.isEmpty ? "" : " \(material.description)"
                lines.append(Line(
                    articleCode: nil, description: "\(material.code)\(typed) \(priceNotSet)",
                    quantity: material.quantity, unitPriceCents: 0, amountCents: 0))
            }
        }
        return lines
    }

    /// `minutes / 60 × rate`, rounded half up in integer arithmetic (no floating-point drift).
    static func labourAmount(minutes: Int, hourlyRateCents: Int) -> Int {
        (minutes * hourlyRateCents + 30) / 60
    }

    /// `quantity × unit price`, rounded half away from zero to whole cents.
    static func amount(quantity: Double, unitPriceCents: Int) -> Int {
        Int((quantity * Double(unitPriceCents)).rounded(.toNearestOrAwayFromZero))
    }

    /// The document total: the sum of its rounded lines.
    static func total(of lines: [Line]) -> Int {
        lines.reduce(0) { $0 + $1.amountCents }
    }
}
