/// The customer as events carry it: enough for a consumer to show and email without asking intake.
public struct CustomerRef: Codable, Sendable, Equatable {
    /// Intake's customer id.
    public var id: String
    /// Display name (company or person).
    public var name: String
    /// Where customer emails go; absent when intake has none.
    public var email: String?

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(id: String, name: String, email: String?) {
        self.id = id
        self.name = name
        self.email = email
    }
}

extension CustomerRef: PayloadValidating {
    /// The customer copied into an event is always a known customer id.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(id, "id")
    }
}
