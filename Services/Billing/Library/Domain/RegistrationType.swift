/// How work of an activity type is billed (R5 "registration type"), read from the type's
/// `registrationType` in `setup.activity-type.v1`, or from its `billable` flag when absent.
package enum RegistrationType: String, Sendable, Codable, CaseIterable {
    /// Everything charged.
    case billable
    /// No document at all.
    case notBillable
    /// Labour and travel included in the customer's contract.
    case underContract
    /// Materials covered by the warranty.
    case warranty

    /// The type's registration: its own word when it has a known one, else the billable flag.
    package static func of(registrationType: String?, billable: Bool) -> RegistrationType {
        if let registrationType, let known = RegistrationType(rawValue: registrationType) { return known }
        return billable ? .billable : .notBillable
    }

    /// What this registration charges; see ``PriceRule``.
    package var rule: PriceRule { PriceRule.default(for: self) }
}

/// What a registration type charges, as a discount in percent on each kind of line of a draft.
/// A charged line has 0 %, a line the customer does not pay has 100 %: the line still shows on the
/// document (the customer sees what was done), at zero.
///
/// Defaults (`default(for:)`):
/// - **billable**: everything charged — the type's articles, labour and travel, materials;
/// - **not billable**: no document at all;
/// - **under contract**: labour and travel included in the contract (100 %), the type's articles
///   and materials charged;
/// - **warranty**: materials covered by the warranty (100 %), labour, travel and the type's
///   articles charged.
package struct PriceRule: Sendable, Equatable {
    /// Whether a closed ticket of the type gets a document at all.
    package var billsDocument: Bool
    /// Discount on the activity type's billing articles, 0…100.
    package var typeArticlesDiscountPercent: Double
    /// Discount on labour and travel, 0…100.
    package var labourDiscountPercent: Double
    /// Discount on the report's materials, 0…100.
    package var materialsDiscountPercent: Double

    /// A rule as the defaults and the clerk's stored choice (`/settings/price-rules`) give it.
    package init(
        billsDocument: Bool, typeArticlesDiscountPercent: Double, labourDiscountPercent: Double,
        materialsDiscountPercent: Double
    ) {
        self.billsDocument = billsDocument
        self.typeArticlesDiscountPercent = typeArticlesDiscountPercent
        self.labourDiscountPercent = labourDiscountPercent
        self.materialsDiscountPercent = materialsDiscountPercent
    }

    /// The rule of `registration` until the clerk sets another (`/settings/price-rules`).
    package static func `default`(for registration: RegistrationType) -> PriceRule {
        switch registration {
        case .billable:
            PriceRule(
                billsDocument: true, typeArticlesDiscountPercent: 0, labourDiscountPercent: 0,
                materialsDiscountPercent: 0)
        case .notBillable:
            PriceRule(
                billsDocument: false, typeArticlesDiscountPercent: 0, labourDiscountPercent: 0,
                materialsDiscountPercent: 0)
        case .underContract:
            PriceRule(
                billsDocument: true, typeArticlesDiscountPercent: 0, labourDiscountPercent: 100,
                materialsDiscountPercent: 0)
        case .warranty:
            PriceRule(
                billsDocument: true, typeArticlesDiscountPercent: 0, labourDiscountPercent: 0,
                materialsDiscountPercent: 100)
        }
    }
}
