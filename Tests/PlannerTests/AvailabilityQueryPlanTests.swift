import Foundation
import GRDB
import PlannerDomain
import Testing

@testable import PlannerService

/// The fit check runs in every drop's write transaction and the generation reads back what a
/// month already holds: each statement they really run must be answered from an index range,
/// never a scan of the table (a million appointments, millions of presences). The statements
/// are traced while the real code runs, then each one's plan is asked of SQLite.
@Suite struct AvailabilityQueryPlanTests {
    /// `EXPLAIN QUERY PLAN` of every traced statement reading `tables`, by statement.
    static func plans(
        of fixture: PlannerFixture, tables: [String], _ body: @escaping @Sendable (Database) throws -> Void
    ) async throws -> [String: [String]] {
        try await fixture.context.database.write { db in
            var statements: [String] = []
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { statements.append(statement.expandedSQL) }
            }
            try body(db)
            db.trace(options: [], nil)
            var plans: [String: [String]] = [:]
            for sql in statements
            where tables.contains(where: { sql.range(of: "FROM \($0)\\b", options: .regularExpression) != nil }) {
                plans[sql] = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)").map {
                    $0["detail"] as String? ?? ""
                }
            }
            return plans
        }
    }

    @Test func theFitCheck_readsEveryTableThroughAnIndex() async throws {
        let fixture = try await PlannerFixture()
        let slot = TimeSlot(start: PlannerFixture.monday, minutes: 60)
        let plans = try await Self.plans(
            of: fixture,
            tables: ["operator", "operatorLink", "workingHours", "presence", "absence", "holiday", "appointment"]
        ) { db in
            // Refused or not, every query has run by the time the rules answer.
            _ = try? PlannerStore.checkFits(
                slot, operatorID: "op-mario", activity: ("at-repair", "Repair"), excluding: nil,
                timeZone: PlannerFixture.rome, in: db)
        }
        #expect(plans.count == 7, "\(plans.keys)")
        for (sql, plan) in plans {
            #expect(!plan.isEmpty, "\(sql)")
            #expect(plan.allSatisfy { $0.contains("USING") && !$0.hasPrefix("SCAN") }, "\(sql): \(plan)")
        }
        let all = plans.values.joined()
        #expect(all.contains { $0.contains("appointment_operator") }, "\(plans)")
        #expect(all.contains { $0.contains("presence_unique") }, "\(plans)")
        #expect(all.contains { $0.contains("absence_operator") }, "\(plans)")
    }

    @Test func theGeneration_readsWhatAMonthHolds_fromTheUniqueIndexAlone() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let plans = try await Self.plans(of: fixture, tables: ["presence"]) { db in
            _ = try Row.fetchAll(
                db, sql: AvailabilityStore.existingPresencesSQL,
                arguments: [
                    "op-mario", "2030-03-01 00:00:00.000", "2030-03-31 23:00:00.000"
                ])
        }
        #expect(plans.count == 1)
        for plan in plans.values {
            #expect(plan.count == 1 && plan[0].contains("USING COVERING INDEX presence_unique"), "\(plan)")
        }
    }

    /// A run over days already generated creates nothing and counts every presence as unchanged;
    /// a presence deleted in between is the only one written again.
    @Test func aSecondRun_writesOnlyWhatIsMissing() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let first = try await fixture.generatePresences(from: "2030-03-01", to: "2030-04-30")
        #expect(first.created > 0 && first.unchanged == 0)
        try await fixture.context.database.write { db in
            try db.execute(sql: "DELETE FROM presence WHERE id = (SELECT MIN(id) FROM presence)")
        }
        let second = try await fixture.generatePresences(from: "2030-03-01", to: "2030-04-30")
        #expect(second.created == 1)
        #expect(second.unchanged == first.created - 1)
        #expect(second.processed == first.processed && second.total == first.total)
        let stored = try await fixture.context.database.read { db in try PresenceRecord.fetchCount(db) }
        #expect(stored == first.created)
    }
}
