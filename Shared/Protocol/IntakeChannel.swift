/// How a ticket reached intake.
public enum IntakeChannel: String, Codable, Sendable, CaseIterable {
    /// Intake's JSON API (web form or another system over HTTP).
    case api
    /// Keyed in by a call-centre operator.
    case callCentre = "call-centre"
    /// An external system's request on `arianna.intake.requests`.
    case kafka
    /// An inbound email.
    case email
    /// A CSV import.
    case csv
}
