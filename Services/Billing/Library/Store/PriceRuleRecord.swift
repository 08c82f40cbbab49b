import BillingDomain
import GRDB
import ServiceKit

/// The price rule of one registration type as the billing clerk set it (`/settings/price-rules`),
/// starting from ``PriceRule/default(for:)``.
struct PriceRuleRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "priceRule"

    /// The ``RegistrationType`` raw value the rule is for (the primary key).
    var registrationType: String
    /// Whether a closed ticket of this registration gets a draft at all.
    var billsDocument: Bool
    /// Discount on the activity type's billing articles, 0…100.
    var typeArticlesDiscountPercent: Double
    /// Discount on labour and travel, 0…100.
    var labourDiscountPercent: Double
    /// Discount on the materials of the report, 0…100.
    var materialsDiscountPercent: Double

    /// The stored form of `rule` for `registration`.
    init(_ registration: RegistrationType, _ rule: PriceRule) {
        registrationType = registration.rawValue
        billsDocument = rule.billsDocument
        typeArticlesDiscountPercent = rule.typeArticlesDiscountPercent
        labourDiscountPercent = rule.labourDiscountPercent
        materialsDiscountPercent = rule.materialsDiscountPercent
    }

    /// The rule the drafter applies.
    var rule: PriceRule {
        PriceRule(
            billsDocument: billsDocument, typeArticlesDiscountPercent: typeArticlesDiscountPercent,
            labourDiscountPercent: labourDiscountPercent, materialsDiscountPercent: materialsDiscountPercent)
    }

    /// The stored rule of `registration`, or its default.
    static func rule(for registration: RegistrationType, in db: Database) throws -> PriceRule {
        try fetchOne(db, key: registration.rawValue)?.rule ?? registration.rule
    }

    /// Every registration type's rule, in the enum's order.
    static func all(in db: Database) throws -> [PriceRuleRecord] {
        try RegistrationType.allCases.map { try fetchOne(db, key: $0.rawValue) ?? PriceRuleRecord($0, $0.rule) }
    }

    /// What `PUT /api/price-rules/{type}` and the settings form take (percentages as text).
    struct Input: Decodable, Sendable {
        /// Absent keeps the stored choice.
        var billsDocument: Bool?
        /// 0…100; absent keeps the stored discount.
        var typeArticlesDiscountPercent: Double?
        /// 0…100; absent keeps the stored discount.
        var labourDiscountPercent: Double?
        /// 0…100; absent keeps the stored discount.
        var materialsDiscountPercent: Double?
    }

    /// Changes the rule of `type`; a percentage outside 0…100 is refused, nothing written.
    static func save(_ type: String, _ input: Input, in db: Database) throws -> PriceRuleRecord {
        guard let registration = RegistrationType(rawValue: type) else {
            throw BillingError.notFound(
                kind: Wording(it: "il tipo di registrazione", en: "registration type"), id: type)
        }
        var record = try fetchOne(db, key: type) ?? PriceRuleRecord(registration, registration.rule)
        var problems = BillingProblems()
        func percent(_ value: Double?, _ field: String, _ keyPath: WritableKeyPath<PriceRuleRecord, Double>) {
            guard let value else { return }
            if value.isFinite && value >= 0 && value <= 100 {
                record[keyPath: keyPath] = value
            } else {
                problems.add(
                    field,
                    Wording(
                        it: "Lo sconto deve essere una percentuale tra 0 e 100.",
                        en: "The discount must be a percentage between 0 and 100."))
            }
        }
        percent(input.typeArticlesDiscountPercent, "typeArticlesDiscountPercent", \.typeArticlesDiscountPercent)
        percent(input.labourDiscountPercent, "labourDiscountPercent", \.labourDiscountPercent)
        percent(input.materialsDiscountPercent, "materialsDiscountPercent", \.materialsDiscountPercent)
        if let bills = input.billsDocument { record.billsDocument = bills }
        try problems.throwIfAny()
        try record.save(db)
        return record
    }
}
