import BillingDomain
import Foundation
import GRDB
import ServiceKit

/// Starts and reads MRP runs.
struct MRPRuns: Sendable {
    /// Billing's store.
    let database: ServiceDatabase
    /// Ids of new runs.
    let ids: IDGenerator
    /// When a run starts and ends.
    let clock: ServiceClock
    /// The company's zone: proposal dates are its local days.
    let timeZone: TimeZone
    /// Purchase and production lead time, in days.
    var leadTimeDays = 5

    /// Starts a run and returns it at once; the plan is computed in a background task.
    func start() async throws -> MRPRunRecord {
        let run = MRPRunRecord(
            id: ids.next(), status: "running", progress: 0, startedAt: clock.now(), finishedAt: nil, result: nil)
        try await database.write { db in try run.insert(db) }
        let runner = self
        Task {
            do {
                try await runner.compute(run)
            } catch {
                // A failed run must not stay "running" forever (it would block the next one).
                let now = runner.clock.now()
                try? await runner.database.write { db in
                    _ = try MRPRunRecord.filter(key: run.id).updateAll(
                        db,
                        [
                            MRPRunRecord.Columns.status.set(to: "done"), MRPRunRecord.Columns.finishedAt.set(to: now),
                            MRPRunRecord.Columns.result.set(to: "[]")
                        ])
                }
            }
        }
        return run
    }

    /// Computes `run` from the store's open orders, BOMs, stock and expected receipts.
    func compute(_ run: MRPRunRecord) async throws {
        let (demands, bom, onHand, expected) = try await database.read { db in
            let orders = try ProductionOrderRecord.filter(ProductionOrderRecord.Columns.status == "open").fetchAll(db)
            func totals(_ request: some FetchRequest) throws -> [String: Double] {
                Dictionary(
                    try Row.fetchAll(db, request).map { (row: Row) -> (String, Double) in (row[0], row[1]) },
                    uniquingKeysWith: +)
            }
            let onHand = try totals(
                StockMovementRecord
                    .select(StockMovementRecord.Columns.articleCode, sum(StockMovementRecord.Columns.quantity))
                    .group(StockMovementRecord.Columns.articleCode))
            let expected = try totals(
                ExpectedReceiptRecord
                    .select(ExpectedReceiptRecord.Columns.articleCode, sum(ExpectedReceiptRecord.Columns.quantity))
                    .group(ExpectedReceiptRecord.Columns.articleCode))
            return (
                orders.map {
                    MaterialRequirements.Demand(
                        articleCode: $0.articleCode, quantity: $0.quantity, neededBy: $0.neededBy)
                },
                try BOMStore.load(in: db), onHand, expected
            )
        }
        var lastStored = 0.0
        let writer = database.writer
        // Every tenth of the articles, the progress is stored (a short synchronous write) for the page.
        let lines = MaterialRequirements.plan(
            demands: demands, bom: bom, onHand: onHand, expected: expected, leadTimeDays: leadTimeDays,
            timeZone: timeZone,
            progress: { share in
                guard share < 1, share - lastStored >= 0.1 else { return }
                lastStored = share
                try? writer.write { db in
                    _ = try MRPRunRecord.filter(key: run.id).updateAll(db, MRPRunRecord.Columns.progress.set(to: share))
                }
            })
        var done = run
        done.status = "done"
        done.progress = 1
        done.finishedAt = clock.now()
        done.result = String(decoding: try JSONEncoder().encode(lines), as: UTF8.self)
        let finished = done
        try await database.write { db in try finished.update(db) }
    }

    /// The latest run, if any.
    func latest() async throws -> MRPRunRecord? {
        try await database.read { db in
            try MRPRunRecord.order(MRPRunRecord.Columns.startedAt.desc, Column.rowID.desc).fetchOne(db)
        }
    }

    /// Run `id`, for the page's progress poll; a refusal when there is none.
    func run(id: String) async throws -> MRPRunRecord {
        try await database.read { db in
            guard let run = try MRPRunRecord.fetchOne(db, key: id) else {
                throw BillingError.notFound(kind: Wording(it: "l'esecuzione MRP", en: "MRP run"), id: id)
            }
            return run
        }
    }
}

extension MRPRuns {
    /// The MRP runs of the service's store, dated in the company's zone.
    init(context: ServiceContext) {
        self.init(
            database: context.database, ids: context.ids, clock: context.clock, timeZone: context.configuration.timeZone
        )
    }
}
