public import Foundation
public import GRDB
public import PlannerDomain

/// A "generate recurrences" run (R8) over a date range: queued by the API, executed by
/// `PresenceGenerationWorker` one operator-month at a time, polled by the page for progress.
/// Kept in the store so progress survives a page reload and an interrupted run resumes.
public struct GenerationJobRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The generation jobs' table (`planner.v2`).
    public static let databaseTableName = "generationJob"
    /// Where the run is.
    public enum State: String, Codable, Sendable {
        /// `pending`: queued, waiting for the worker (oldest first); `running`: the worker is writing its
        /// presences; `done`: every operator-month written; `failed`: stopped part-way, `message` says where
        /// (running it again finishes the range without writing anything twice).
        case pending, running, done, failed
    }

    /// The job's id, in `GET /api/generation-jobs/{id}`.
    public var id: String
    /// The first day to generate presences for.
    public var fromDay: LocalDate
    /// The last day to generate presences for.
    public var toDay: LocalDate
    /// `nil`: every operator known when the job runs.
    public var operatorIDs: [String]?
    /// Pending, running, done or failed.
    public var state: State
    /// Operator-months to process.
    public var total: Int
    /// Operator-months done so far.
    public var processed: Int
    /// Presences written by this run.
    public var created: Int
    /// Presences that already existed (a second run over the same range only counts these).
    public var unchanged: Int
    /// Why it failed, in plain words.
    public var message: String?
    /// When the job was queued: pending jobs run oldest first.
    public var createdAt: Date
    /// When the job last moved: the page shows progress as of then.
    public var updatedAt: Date

    /// A job as the API queues it (pending, nothing done yet) or as a test describes it.
    public init(
        id: String, fromDay: LocalDate, toDay: LocalDate, operatorIDs: [String]?, state: State = .pending,
        total: Int, processed: Int = 0, created: Int = 0, unchanged: Int = 0, message: String? = nil,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.fromDay = fromDay
        self.toDay = toDay
        self.operatorIDs = operatorIDs
        self.state = state
        self.total = total
        self.processed = processed
        self.created = created
        self.unchanged = unchanged
        self.message = message
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Columns for type-checked queries.
    public enum Columns {
        /// Pending jobs are picked by it; interrupted ones requeued.
        public static let state = Column(CodingKeys.state)
        /// Pending jobs run oldest first.
        public static let createdAt = Column(CodingKeys.createdAt)
        /// Progress: operator-months done.
        public static let processed = Column(CodingKeys.processed)
        /// Progress: presences written.
        public static let created = Column(CodingKeys.created)
        /// Progress: presences that already existed.
        public static let unchanged = Column(CodingKeys.unchanged)
        /// When the run last moved: the page shows progress as of then.
        public static let updatedAt = Column(CodingKeys.updatedAt)
    }

    /// Progress in whole percent (100 when there was nothing to do).
    public var percent: Int { total == 0 ? 100 : processed * 100 / total }
}
