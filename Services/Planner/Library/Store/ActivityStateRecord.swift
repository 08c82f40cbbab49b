public import GRDB

/// An activity state as intake's setup snapshots describe it (R3): the board colours bars and
/// cards by it when asked to.
public struct ActivityStateRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table intake's `setup.activity-state.v1` snapshots fill.
    public static let databaseTableName = "activityState"
    /// Intake's id: queue entries name their state by it.
    public var id: String
    /// The state's short code: the tie-break of the states' order.
    public var code: String
    /// The name the legend and the state filter show.
    public var name: String
    /// `#rgb` or `#rrggbb`, checked when the snapshot was decoded.
    public var colour: String
    /// A final state closes the ticket; a new ticket never starts in one.
    public var isFinal: Bool
    /// Sort order, smallest first: the first active non-final state is a new ticket's.
    public var position: Int
    /// Whether intake still offers the state.
    public var active: Bool

    /// The states' columns, for type-checked queries.
    public enum Columns {
        /// The state's id.
        public static let id = Column(CodingKeys.id)
        /// The tie-break of the states' order.
        public static let code = Column(CodingKeys.code)
        /// Final states are never a new ticket's.
        public static let isFinal = Column(CodingKeys.isFinal)
        /// The states' order.
        public static let position = Column(CodingKeys.position)
        /// Inactive states are never a new ticket's.
        public static let active = Column(CodingKeys.active)
    }
}
