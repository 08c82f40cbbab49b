import Foundation
import GRDB
import Logging
import ServiceLifecycle
import ServiceKit

/// MRP after each change (R19): every write that changes what MRP plans from (a production order,
/// a BOM, a stock movement, an expected receipt) marks the plan stale in its own transaction;
/// ``MRPWorker`` then starts a run when none is running, so a burst of changes makes one run.
enum MRPTrigger {
    /// Marks the plan stale as of `now`.
    static func markStale(at now: Date, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO mrpStale (id, changedAt) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET changedAt = excluded.changedAt",
            arguments: [now])
    }
}

/// Starts an MRP run when the plan is stale and no run is in progress (polls every `poll`).
struct MRPWorker: Service {
    let runs: MRPRuns
    let logger: Logger
    var poll: Duration = .seconds(2)

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                if try await isStale() {
                    let run = try await runs.start()
                    logger.info("MRP run started after a change", metadata: ["mrp.run": "\(run.id)"])
                }
            } catch {
                logger.error("MRP could not start", metadata: [LogKey.error: "\(error)"])
            }
            try? await Task.sleep(for: poll)
        }
    }

    /// A change newer than the latest run's start, and no run in progress.
    func isStale() async throws -> Bool {
        try await runs.database.read { db in
            guard let changed = try Date.fetchOne(db, sql: "SELECT changedAt FROM mrpStale WHERE id = 1") else { return false }
            guard let latest = try MRPRunRecord.order(Column("startedAt").desc).fetchOne(db) else { return true }
            return latest.status != "running" && changed >= latest.startedAt
        }
    }
}
