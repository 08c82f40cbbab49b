public import GRDB

/// A practice (R4) as intake's setup snapshots describe it: its name labels the queue's
/// practice filter and counts (activity types carry only the practice's id).
public struct PracticeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table intake's `setup.practice.v1` snapshots fill.
    public static let databaseTableName = "practice"
    /// Intake's id: activity types name their practice by it.
    public var id: String
    /// The practice's short code.
    public var code: String
    /// The name the queue's practice filter shows.
    public var name: String
    /// Whether intake still uses the practice.
    public var active: Bool
}
