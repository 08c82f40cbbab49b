/// Material used in an intervention; billing values it and MRP takes it from stock.
public struct MaterialLine: Codable, Sendable, Equatable {
    /// The article code in billing/production's catalogue.
    public var articleCode: String
    /// Free text as the technician wrote it.
    public var description: String
    /// In the article's unit of measure; fractional for metres, litres…
    public var quantity: Double

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(articleCode: String, description: String, quantity: Double) {
        self.articleCode = articleCode
        self.description = description
        self.quantity = quantity
    }
}

extension MaterialLine: PayloadValidating {
    /// A material used names its article, in a quantity above zero.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(articleCode, "articleCode")
        check.positive(quantity, "quantity")
    }
}
