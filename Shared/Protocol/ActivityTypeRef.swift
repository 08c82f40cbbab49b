/// The activity type as a ticket event carries it (a copy as of the event, not a live reference).
public struct ActivityTypeRef: Codable, Sendable, Equatable {
    /// Intake's activity type id.
    public var id: String
    /// Short code, e.g. `"MAINT"`.
    public var code: String
    /// Display name.
    public var name: String
    /// Default length of an appointment for this type, in minutes.
    public var expectedDurationMinutes: Int
    /// Whether closing work of this type leads to a billing document.
    public var billable: Bool

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(id: String, code: String, name: String, expectedDurationMinutes: Int, billable: Bool) {
        self.id = id
        self.code = code
        self.name = name
        self.expectedDurationMinutes = expectedDurationMinutes
        self.billable = billable
    }
}

extension ActivityTypeRef: PayloadValidating {
    /// The id and code consumers file the ticket under, and a duration the planner can add to a start.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(id, "id")
        check.nonEmpty(code, "code")
        check.nonNegative(expectedDurationMinutes, "expectedDurationMinutes")
    }
}
