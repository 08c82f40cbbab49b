import BillingDomain
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import BillingService

/// The hand-computed example of docs/ARCHITECTURE.md ("MRP"):
/// KIT = 2 PUMP-ASM + 3 PIPE + 2 SCREW; PUMP-ASM = 1 MOTOR + 4 SCREW.
/// Open orders: 5 KIT by 10 Dec, 1 KIT by 5 Dec. On hand: PUMP-ASM 3, SCREW 10, MOTOR 1.
/// Expected: PIPE 4. Lead time 5 days.
///
/// Level 1: PUMP-ASM gross 6×2 = 12, net 12 − 3 = 9 → make 9 on 30 Nov (5 Dec − 5), which needs
/// 9 MOTOR and 36 SCREW by 30 Nov; PIPE gross 18, net 18 − 4 = 14 → buy on 30 Nov.
/// Level 2: SCREW gross 6×2 + 36 = 48, net 38 → buy on 25 Nov; MOTOR gross 9, net 8 → buy on 25 Nov.
@Suite("MRP")
struct MaterialRequirementsTests {
    static func day(_ text: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = rome
        let parts = text.split(separator: "-").map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 9))!
    }

    @Test func plan_matchesTheHandComputedExample() {
        let lines = MaterialRequirements.plan(
            demands: [
                .init(articleCode: "KIT", quantity: 5, neededBy: Self.day("2026-12-10")),
                .init(articleCode: "KIT", quantity: 1, neededBy: Self.day("2026-12-05"))
            ],
            bom: BillOfMaterialsTests.bom, onHand: ["PUMP-ASM": 3, "SCREW": 10, "MOTOR": 1], expected: ["PIPE": 4],
            leadTimeDays: 5, timeZone: rome)

        let byCode = Dictionary(
            uniqueKeysWithValues: lines.map {
                ($0.articleCode, "\($0.grossRequirement) \($0.netRequirement) \($0.proposal) \($0.proposalDate ?? "")")
            })
        #expect(lines.map(\.articleCode) == ["PIPE", "PUMP-ASM", "MOTOR", "SCREW"])
        #expect(byCode["PUMP-ASM"] == "12.0 9.0 make 2026-11-30")
        #expect(byCode["PIPE"] == "18.0 14.0 buy 2026-11-30")
        #expect(byCode["SCREW"] == "48.0 38.0 buy 2026-11-25")
        #expect(byCode["MOTOR"] == "9.0 8.0 buy 2026-11-25")
    }

    @Test func enoughStock_proposesNothing() {
        let lines = MaterialRequirements.plan(
            demands: [.init(articleCode: "KIT", quantity: 1, neededBy: Self.day("2026-12-05"))],
            bom: BillOfMaterialsTests.bom, onHand: ["PUMP-ASM": 2, "PIPE": 3, "SCREW": 2], expected: [:],
            leadTimeDays: 5, timeZone: rome)

        #expect(lines.allSatisfy { $0.proposal == "none" })
    }

    @Test func aRun_fromTheStore_endsDone_andThePageShowsThePlan() async throws {
        let service = try TestService()
        try await service.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO bomLine (parentCode, position, componentCode, quantity) VALUES ('CALLOUT', 1, 'FILTER-01', 2);
                    INSERT INTO productionOrder (id, number, ticketID, documentType, articleCode, quantity, components, status, neededBy, createdAt)
                    VALUES ('po-1', 'ODP/2026/000001', 'tck-1', 'ODP', 'CALLOUT', 4, '[]', 'open', '2026-12-10 08:00:00.000', '2026-11-30 08:00:00.000');
                    """)
        }
        let runs = MRPRuns(
            database: service.database, ids: SequentialIDs("run").generator, clock: .fixed(Instant.now), timeZone: rome)
        let run = MRPRunRecord(
            id: "run-x", status: "running", progress: 0, startedAt: Instant.now, finishedAt: nil, result: nil)
        try await service.database.write { db in try run.insert(db) }

        try await runs.compute(run)

        let done = try await runs.run(id: "run-x")
        #expect(done.status == "done")
        #expect(done.lines.map { "\($0.articleCode) \($0.netRequirement) \($0.proposal)" } == ["FILTER-01 8.0 buy"])
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let keeper = anonymous.loggedIn(to: service.context, permissions: [.stockEdit])
            try await keeper.execute(uri: "/mrp", method: .get, headers: [.accept: "text/html"]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#"data-article="FILTER-01""#))
            }
        }
    }

    @Test func aChange_makesThePlanStale_untilARunStartsAfterIt() async throws {
        let service = try TestService()
        let runs = MRPRuns(
            database: service.database, ids: SequentialIDs("run").generator, clock: .fixed(Instant.now), timeZone: rome)
        let worker = MRPWorker(runs: runs, logger: service.context.logger)
        #expect(try await worker.isStale() == false, "nothing changed yet")

        _ = try await StockStore(database: service.database, ids: SequentialIDs("mov").generator)
            .book(
                .init(articleCode: "FILTER-01", quantity: 5, warehouseID: "WH-CENTRAL"), transfer: false, by: "Anna",
                at: Instant.closed)
        #expect(try await worker.isStale())

        let run = try await runs.start()
        #expect(run.startedAt >= Instant.closed)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await worker.isStale() == false)
    }
}
