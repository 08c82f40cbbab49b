import Foundation
import GRDB
import Logging
import ServiceKit
import ServiceLifecycle

/// Starts an MRP run when the plan is stale and no run is in progress (polls every `poll`), so
/// the plan follows the changes without anyone pressing "Run MRP".
struct MRPWorker: Service {
    /// The runs it starts.
    let runs: MRPRuns
    /// Where it says that it started a run, or why it could not.
    let logger: Logger
    /// How often it looks; a change waits at most this long for its run.
    var poll: Duration = .seconds(2)

    /// Polls until the service group shuts down.
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
            guard let changed = try MRPStaleRecord.fetchOne(db, key: 1)?.changedAt else { return false }
            guard let latest = try MRPRunRecord.order(MRPRunRecord.Columns.startedAt.desc).fetchOne(db) else {
                return true
            }
            return latest.status != "running" && changed >= latest.startedAt
        }
    }
}
