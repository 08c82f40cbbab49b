/// One line of a billing document as billing computes it: the amount is always derived from
/// quantity, price and discount, so an edit can never leave a line that does not add up.
package struct DocumentLine: Sendable, Equatable, Codable {
    /// Where the line came from.
    package enum Source: String, Sendable, Codable {
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
    package var source: Source
    /// The catalogue article; for a flagged line, the code as the report or type named it.
    package var articleCode: String?
    /// What the customer reads on the line.
    package var description: String
    /// Unit of measure, e.g. `h`, `pz`.
    package var unit: String
    /// Greater than zero.
    package var quantity: Double
    /// Price of one unit in cents, VAT excluded.
    package var unitPriceCents: Int
    /// 0…100.
    package var discountPercent: Double
    /// 22, 10, 4 or 0.
    package var vatRatePercent: Double
    /// The catalogue does not know the article: billing will not guess a price (never zero), the
    /// clerk sets one, and the document cannot be confirmed until every such line has one.
    package var needsPrice: Bool

    /// A line as the drafter computes it or the store reads it back; the amount is derived.
    package init(
        source: Source, articleCode: String?, description: String, unit: String, quantity: Double,
        unitPriceCents: Int, discountPercent: Double, vatRatePercent: Double, needsPrice: Bool
    ) {
        self.source = source
        self.articleCode = articleCode
        self.description = description
        self.unit = unit
        self.quantity = quantity
        self.unitPriceCents = unitPriceCents
        self.discountPercent = discountPercent
        self.vatRatePercent = vatRatePercent
        self.needsPrice = needsPrice
    }

    /// `quantity × price × (1 − discount)`, rounded once, half away from zero.
    package var amountCents: Int {
        LineMath.amount(quantity: quantity, unitPriceCents: unitPriceCents, discountPercent: discountPercent)
    }
}

/// The arithmetic of lines and totals, in integer cents.
package enum LineMath {
    /// `quantity × unitPriceCents × (100 − discount) / 100`, rounded half away from zero.
    package static func amount(quantity: Double, unitPriceCents: Int, discountPercent: Double) -> Int {
        let gross = quantity * Double(unitPriceCents)
        // Round the gross first to kill floating noise (1.58333 h × 4500 = 7124.9999…).
        let grossCents = (gross * 1000).rounded() / 1000
        return Int((grossCents * (100 - discountPercent) / 100).rounded(.toNearestOrAwayFromZero))
    }

    /// VAT of one rate's taxable amount, rounded half away from zero.
    package static func vat(taxableCents: Int, ratePercent: Double) -> Int {
        Int((Double(taxableCents) * ratePercent / 100).rounded(.toNearestOrAwayFromZero))
    }
}

/// A document's totals: taxable amount and VAT per rate (VAT is computed once per rate on the
/// sum of its lines, as Italian invoices do), and the grand total.
package struct DocumentTotals: Sendable, Equatable {
    /// The taxable amount and VAT of one rate.
    package struct Rate: Sendable, Equatable {
        /// The rate, in percent.
        package var vatRatePercent: Double
        /// The sum of the rate's lines.
        package var taxableCents: Int
        /// The VAT on that sum, rounded once.
        package var vatCents: Int

        /// The taxable amount and VAT of the rate `vatRatePercent`, as the totals compute them.
        package init(vatRatePercent: Double, taxableCents: Int, vatCents: Int) {
            self.vatRatePercent = vatRatePercent
            self.taxableCents = taxableCents
            self.vatCents = vatCents
        }
    }

    /// By rate, highest first.
    package var rates: [Rate]
    /// Sum of every line, VAT excluded.
    package var taxableCents: Int
    /// VAT of all rates.
    package var vatCents: Int
    /// What the customer pays: taxable plus VAT.
    package var totalCents: Int { taxableCents + vatCents }

    /// The totals of `lines`.
    package init(lines: [DocumentLine]) {
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
