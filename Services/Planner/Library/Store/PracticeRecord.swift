public import GRDB

/// A practice (R4) as intake's setup snapshots describe it: its name labels the queue's
/// practice filter and counts (activity types carry only the practice's id).
public struct PracticeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "practice"
    public var id: String
    public var code: String
    public var name: String
    public var active: Bool
}
