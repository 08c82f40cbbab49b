public import GRDB

/// An activity state as intake's setup snapshots describe it (R3): the board colours bars and
/// cards by it when asked to.
public struct ActivityStateRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "activityState"
    public var id: String
    public var code: String
    public var name: String
    /// `#rgb` or `#rrggbb`, checked when the snapshot was decoded.
    public var colour: String
    public var isFinal: Bool
    /// Sort order, smallest first: the first active non-final state is a new ticket's.
    public var position: Int
    public var active: Bool

    /// The states' columns, for type-checked queries.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let code = Column(CodingKeys.code)
        public static let isFinal = Column(CodingKeys.isFinal)
        public static let position = Column(CodingKeys.position)
        public static let active = Column(CodingKeys.active)
    }
}
