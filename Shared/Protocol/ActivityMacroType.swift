/// The broad kind of an activity type, which decides how it is planned.
public enum ActivityMacroType: String, Codable, Sendable, CaseIterable {
    /// A phone call: no appointment on the planner.
    case call
    /// On-site work scheduled on an operator's planner.
    case appointment
    /// Back-office work with a deadline.
    case task
}
