import BillingDomain
import GRDB
import ServiceKit

/// The price rules per registration type as the billing clerk keeps them: read for the settings
/// page and the API, changed one type at a time (API) or all four at once (the form), each
/// change one transaction that writes nothing when a percentage is refused.
struct PriceRules: Sendable {
    /// Billing's store.
    let database: ServiceDatabase

    /// Every registration type's rule, stored or default, in the enum's order.
    func all() async throws -> [PriceRuleRecord] {
        try await database.read { db in try PriceRuleRecord.all(in: db) }
    }

    /// Changes the rule of registration type `type` (`PUT /api/price-rules/{type}`).
    func save(_ type: String, _ input: PriceRuleRecord.Input) async throws -> PriceRuleRecord {
        try await database.write { db in try PriceRuleRecord.save(type, input, in: db) }
    }

    /// Changes several types' rules together (the settings form): every problem of every type is
    /// reported, its field prefixed with the type (`warranty.labourDiscountPercent`), and then
    /// nothing is written.
    func saveAll(_ inputs: [(type: String, input: PriceRuleRecord.Input)]) async throws {
        try await database.write { db in
            var problems: [BillingProblem] = []
            for (type, input) in inputs {
                do {
                    _ = try PriceRuleRecord.save(type, input, in: db)
                } catch let error as BillingError {
                    problems += error.problems.map { BillingProblem("\(type).\($0.field)", $0.wording) }
                }
            }
            if !problems.isEmpty { throw BillingError.invalid(problems) }
        }
    }
}

extension PriceRules {
    /// The price rules of the service's store.
    init(context: ServiceContext) {
        self.init(database: context.database)
    }
}
