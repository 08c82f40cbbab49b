/// The Kafka topics Arianna services exchange events on.
///
/// Topics are few and named by domain: every event of one aggregate (a ticket, an appointment…)
/// goes to one topic with the aggregate id as message key, so its events stay in order.
/// The raw value is the *unprefixed* name; use ``TopicNames`` to get the name on the broker.
public enum Topic: String, Sendable, CaseIterable {
    /// Ticket lifecycle, published by intake.
    case tickets = "arianna.tickets"
    /// Appointment lifecycle, published by the planner.
    case appointments = "arianna.appointments"
    /// Intervention results, published by web-report.
    case interventions = "arianna.interventions"
    /// Setup data snapshots (activity types, operators), published by intake; compaction-friendly keys.
    case setup = "arianna.setup"
    /// Billing documents, published by billing/production.
    case billing = "arianna.billing"
    /// Requests from external systems (e.g. call centres) to open tickets, consumed by intake.
    case intakeRequests = "arianna.intake.requests"
    /// Intake's replies to those external requests.
    case intakeReplies = "arianna.intake.replies"
    /// Poison messages (bad JSON, unknown type, failed validation), with reason and origin in headers.
    case deadLetter = "arianna.deadletter"
}
