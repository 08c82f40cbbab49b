/// How an intervention ended (R18): it decides whether intake closes the ticket.
public enum InterventionOutcome: String, Codable, Sendable, CaseIterable {
    /// The work is done: intake closes the ticket.
    case completed
    /// The ticket stays open and goes back to the planner's queue with the technician's note.
    case anotherVisitNeeded = "another-visit-needed"
}
