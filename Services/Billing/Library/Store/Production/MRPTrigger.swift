import Foundation
import GRDB

/// MRP after each change (R19): every write that changes what MRP plans from (a production order,
/// a BOM, a stock movement, an expected receipt) marks the plan stale in its own transaction;
/// ``MRPWorker`` then starts a run when none is running, so a burst of changes makes one run.
enum MRPTrigger {
    /// Marks the plan stale as of `now`.
    static func markStale(at now: Date, in db: Database) throws {
        try MRPStaleRecord(changedAt: now).upsert(db)
    }
}
