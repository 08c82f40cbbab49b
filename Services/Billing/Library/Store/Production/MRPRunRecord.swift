import BillingDomain
import Foundation
import GRDB

/// One MRP run: started on demand, computed in the background with its progress stored, so the
/// page can show a progress bar for a long run and the result when it is done.
struct MRPRunRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "mrpRun"

    /// The run's own id, which the page polls.
    var id: String
    /// `running` or `done`.
    var status: String
    /// 0…1.
    var progress: Double
    /// When the run started; a change after it makes the plan stale again.
    var startedAt: Date
    /// When the plan was stored; nil while running.
    var finishedAt: Date?
    /// JSON of `[MaterialRequirements.Line]` once done.
    var result: String?

    /// The columns the store's queries name.
    enum Columns {
        /// The `status` column: `running` until the plan is stored, then `done`.
        static let status = Column(CodingKeys.status)
        /// The `progress` column: the share of articles netted (0…1), which the page polls.
        static let progress = Column(CodingKeys.progress)
        /// The `finishedAt` column: when the plan was stored; null while the run goes on.
        static let finishedAt = Column(CodingKeys.finishedAt)
        /// The `result` column: the plan's JSON, written when the run finishes.
        static let result = Column(CodingKeys.result)
        /// The `startedAt` column: when the run started; the latest run is the page's plan and the worker's mark.
        static let startedAt = Column(CodingKeys.startedAt)
    }

    /// The plan's lines; empty while running or if the stored JSON cannot be read.
    var lines: [MaterialRequirements.Line] {
        guard let result else { return [] }
        return (try? JSONDecoder().decode([MaterialRequirements.Line].self, from: Data(result.utf8))) ?? []
    }
}
