/// One line of a billing document as billing computes it: the amount is always derived from
/// quantity, price and discount, so an edit can never leave a line that does not add up.
struct DocumentLine: Sendable, Equatable, Codable {
    /// Where the line came from.
    enum Source: String, Sendable, Codable {
        /// A billing article of the activity type's palette (R5).
        case activityType = "activity-type"
        /// The hours worked, priced by the labour article.
        case labour
        /// The travel time, priced by the travel article.
        case travel
        /// A material issued on the report.
        case material
    }

    /// Where the line came from.
    var source: Source
    /// The catalogue article; for a flagged line, the code as the report or type named it.
    var articleCode: String?
    /// What the customer reads on the line.
    var description: String
    /// Unit of measure, e.g. `h`, `pz`.
    var unit: String
    /// Greater than zero.
    var quantity: Double
    /// Price of one unit in cents, VAT excluded.
    var unitPriceCents: Int
    /// 0…100.
    var discountPercent: Double
    /// 22, 10, 4 or 0.
    var vatRatePercent: Double
    /// The catalogue does not know the article: billing will not guess a price (never zero), the
    /// clerk sets one, and the document cannot be confirmed until every such line has one.
    var needsPrice: Bool

    /// `quantity × price × (1 − discount)`, rounded once, half away from zero.
    var amountCents: Int {
        LineMath.amount(quantity: quantity, unitPriceCents: unitPriceCents, discountPercent: discountPercent)
    }
}

/// The arithmetic of lines and totals, in integer cents.
enum LineMath {
    /// `quantity × unitPriceCents × (100 − discount) / 100`, rounded half away from zero.
    static func amount(quantity: Double, unitPriceCents: Int, discountPercent: Double) -> Int {
        let gross = quantity * Double(unitPriceCents)
        // Round the gross first to kill floating noise (1.58333 h × 4500 = 7124.9999…).
        let grossCents = (gross * 1000).rounded() / 1000
        return Int((grossCents * (100 - discountPercent) / 100).rounded(.toNearestOrAwayFromZero))
    }

    /// VAT of one rate's taxable amount, rounded half away from zero.
    static func vat(taxableCents: Int, ratePercent: Double) -> Int {
        Int((Double(taxableCents) * ratePercent / 100).rounded(.toNearestOrAwayFromZero))
    }
}

/// A document's totals: taxable amount and VAT per rate (VAT is computed once per rate on the
/// sum of its lines, as Italian invoices do), and the grand total.
struct DocumentTotals: Sendable, Equatable {
    /// The taxable amount and VAT of one rate.
    struct Rate: Sendable, Equatable {
        /// The rate, in percent.
        var vatRatePercent: Double
        /// The sum of the rate's lines.
        var taxableCents: Int
        /// The VAT on that sum, rounded once.
        var vatCents: Int
    }

    /// By rate, highest first.
    var rates: [Rate]
    /// Sum of every line, VAT excluded.
    var taxableCents: Int
    /// VAT of all rates.
    var vatCents: Int
    /// What the customer pays: taxable plus VAT.
    var totalCents: Int { taxableCents + vatCents }

    /// The totals of `lines`.
    init(lines: [DocumentLine]) {
        var taxable: [Double: Int] = [:]
        for line in lines { taxable[line.vatRatePercent, default: 0] += line.amountCents }
        rates = taxable.keys.sorted(by: >).map { rate in
            Rate(
                vatRatePercent: rate, taxableCents: taxable[rate] ?? 0,
                vatCents: LineMath.vat(taxableCents: taxable[rate] ?? 0, ratePercent: rate))
        }
        taxableCents = rates.reduce(0) { $0 + $1.taxableCents }
        vatCents = rates.reduce(0) { $0 + $1.vatCents }
    }
}
