/// How many calls wait per value of each filter, for the current filter set: what the board's
/// filter form shows beside each choice and `GET /api/queue` answers under `counts`.
public struct QueueCounts: Sendable, Encodable, Equatable {
    /// One choice of a filter and how many calls it would show.
    public struct Value: Sendable, Encodable, Equatable {
        /// What to pass back as the filter (nil: calls without one, e.g. without a zone).
        public var value: String?
        /// What the user reads: the zone, or the type's, practice's or state's name (its id
        /// while the planner has not heard of it).
        public var label: String
        /// Calls waiting with this value.
        public var count: Int
    }

    /// Calls matching every filter.
    public var total: Int
    /// Per zone, most calls first (at most `QueueQueries.maximumValues`).
    public var zones: [Value]
    /// Per activity type.
    public var activityTypes: [Value]
    /// Per practice (R4); a type without a practice counts under nil.
    public var practices: [Value]
    /// Per activity state (R3); calls no one has moved count under the first state.
    public var states: [Value]

    /// Counts as `QueueQueries.counts` reads them; a test may give only the total.
    public init(
        total: Int, zones: [Value] = [], activityTypes: [Value] = [], practices: [Value] = [], states: [Value] = []
    ) {
        self.total = total
        self.zones = zones
        self.activityTypes = activityTypes
        self.practices = practices
        self.states = states
    }
}
