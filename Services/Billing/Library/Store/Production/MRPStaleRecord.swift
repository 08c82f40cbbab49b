import Foundation
import GRDB

/// The one row saying when something MRP plans from last changed (`mrpStale`, id 1): newer than
/// the latest run's start means the plan is stale.
struct MRPStaleRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "mrpStale"

    /// Always 1: the table holds a single row.
    var id = 1
    /// The last change's time.
    var changedAt: Date
}
