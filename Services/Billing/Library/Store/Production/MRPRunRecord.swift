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
        static let status = Column(CodingKeys.status)
        static let progress = Column(CodingKeys.progress)
        static let finishedAt = Column(CodingKeys.finishedAt)
        static let result = Column(CodingKeys.result)
        static let startedAt = Column(CodingKeys.startedAt)
    }

    /// The plan's lines; empty while running or if the stored JSON cannot be read.
    var lines: [MaterialRequirements.Line] {
        guard let result else { return [] }
        return (try? JSONDecoder().decode([MaterialRequirements.Line].self, from: Data(result.utf8))) ?? []
    }
}
