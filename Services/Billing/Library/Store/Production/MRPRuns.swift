import Foundation
import GRDB
import Hummingbird
import ServiceKit

/// One MRP run: started on demand, computed in the background with its progress stored, so the
/// page can show a progress bar for a long run and the result when it is done.
struct MRPRunRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, ResponseEncodable {
    static let databaseTableName = "mrpRun"

    var id: String
    /// `running` or `done`.
    var status: String
    /// 0…1.
    var progress: Double
    var startedAt: Date
    var finishedAt: Date?
    /// JSON of `[MaterialRequirements.Line]` once done.
    var result: String?

    var lines: [MaterialRequirements.Line] {
        guard let result else { return [] }
        return (try? JSONDecoder().decode([MaterialRequirements.Line].self, from: Data(result.utf8))) ?? []
    }
}

/// Starts and reads MRP runs.
struct MRPRuns: Sendable {
    let database: ServiceDatabase
    let ids: IDGenerator
    let clock: ServiceClock
    let timeZone: TimeZone
    /// Purchase and production lead time, in days.
    var leadTimeDays = 5

    /// Starts a run and returns it at once; the plan is computed in a background task.
    func start() async throws -> MRPRunRecord {
        let run = MRPRunRecord(id: ids.next(), status: "running", progress: 0, startedAt: clock.now(), finishedAt: nil, result: nil)
        try await database.write { db in try run.insert(db) }
        let runner = self
        Task {
            do {
                try await runner.compute(run)
            } catch {
                // A failed run must not stay "running" forever (it would block the next one).
                try? await runner.database.write { db in
                    try db.execute(sql: "UPDATE mrpRun SET status = 'done', finishedAt = ?, result = '[]' WHERE id = ?",
                                   arguments: [runner.clock.now(), run.id])
                }
            }
        }
        return run
    }

    /// Computes `run` from the store's open orders, BOMs, stock and expected receipts.
    func compute(_ run: MRPRunRecord) async throws {
        let (demands, bom, onHand, expected) = try await database.read { db in
            let orders = try ProductionOrderRecord.filter(Column("status") == "open").fetchAll(db)
            let onHand = Dictionary(
                try Row.fetchAll(db, sql: "SELECT articleCode, SUM(quantity) AS q FROM stockMovement GROUP BY articleCode")
                    .map { (row: Row) -> (String, Double) in (row["articleCode"], row["q"]) },
                uniquingKeysWith: +)
            let expected = Dictionary(
                try Row.fetchAll(db, sql: "SELECT articleCode, SUM(quantity) AS q FROM expectedReceipt GROUP BY articleCode")
                    .map { (row: Row) -> (String, Double) in (row["articleCode"], row["q"]) },
                uniquingKeysWith: +)
            return (orders.map { MaterialRequirements.Demand(articleCode: $0.articleCode, quantity: $0.quantity, neededBy: $0.neededBy) },
                    try BOMStore.load(in: db), onHand, expected)
        }
        var lastStored = 0.0
        let writer = database.writer
        // Every tenth of the articles, the progress is stored (a short synchronous write) for the page.
        let lines = MaterialRequirements.plan(
            demands: demands, bom: bom, onHand: onHand, expected: expected, leadTimeDays: leadTimeDays,
            timeZone: timeZone, progress: { share in
                guard share < 1, share - lastStored >= 0.1 else { return }
                lastStored = share
                try? writer.write { db in
                    try db.execute(sql: "UPDATE mrpRun SET progress = ? WHERE id = ?", arguments: [share, run.id])
                }
            })
        let json = String(decoding: try JSONEncoder().encode(lines), as: UTF8.self)
        let finished = clock.now()
        try await database.write { db in
            try db.execute(
                sql: "UPDATE mrpRun SET status = 'done', progress = 1, finishedAt = ?, result = ? WHERE id = ?",
                arguments: [finished, json, run.id])
        }
    }

    /// The latest run, if any.
    func latest() async throws -> MRPRunRecord? {
        try await database.read { db in try MRPRunRecord.order(Column("startedAt").desc, Column("rowid").desc).fetchOne(db) }
    }

    func run(id: String) async throws -> MRPRunRecord {
        try await database.read { db in
            guard let run = try MRPRunRecord.fetchOne(db, key: id) else {
                throw BillingError.notFound(kind: Wording(it: "l'esecuzione MRP", en: "MRP run"), id: id)
            }
            return run
        }
    }
}
