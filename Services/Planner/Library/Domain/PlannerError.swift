public import Foundation

/// Why the planner refused a request.
public enum PlannerError: Error, Equatable {
    /// The slot breaks a scheduling rule.
    case refused(SchedulingRefusal)
    case ticketNotFound(String)
    case ticketNotUnscheduled(number: String, state: QueueEntry.State)
    case appointmentNotFound(String)
    case appointmentCancelled(String)
    case missingField(String)

    public func message(in timeZone: TimeZone) -> String {
        switch self {
        case .refused(let refusal):
            return refusal.message(in: timeZone)
        case .ticketNotFound(let id):
            return "There is no call '\(id)' in the planner's queue."
        case .ticketNotUnscheduled(let number, let state):
            return state == .closed
                ? "Call \(number) is already closed."
                : "Call \(number) is already scheduled; move its appointment instead."
        case .appointmentNotFound(let id):
            return "There is no appointment '\(id)'."
        case .appointmentCancelled(let id):
            return "Appointment '\(id)' was cancelled and can no longer change."
        case .missingField(let explanation):
            return explanation
        }
    }
}
