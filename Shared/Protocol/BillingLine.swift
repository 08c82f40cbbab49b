/// One line of a billing document. Money is in integer cents so sums are exact.
public struct BillingLine: Codable, Sendable, Equatable {
    /// What is billed (labour, an article…).
    public var description: String
    /// Hours or units; fractional allowed.
    public var quantity: Double
    /// Price of one unit, in cents.
    public var unitPriceCents: Int
    /// The line total in cents as billing computed and rounded it (may be negative for a discount).
    public var amountCents: Int

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(description: String, quantity: Double, unitPriceCents: Int, amountCents: Int) {
        self.description = description
        self.quantity = quantity
        self.unitPriceCents = unitPriceCents
        self.amountCents = amountCents
    }
}

extension BillingLine: PayloadValidating {
    /// A billed line has a quantity above zero.
    func validate(_ check: inout PayloadCheck) {
        check.positive(quantity, "quantity")
    }
}
