/// Where a call stands in the planner's queue: waiting in the lower grid (`unscheduled`), taken
/// by an appointment (`scheduled`), or gone for good because its ticket was closed or cancelled
/// (`closed`). A refusal names it (`PlannerError.ticketNotUnscheduled`), so it is a domain value;
/// the queue's record stores its raw value (`QueueEntry.State`).
public enum CallState: String, Codable, Sendable {
    /// `unscheduled`: waiting in the lower grid; `scheduled`: an appointment holds it; `closed`: its ticket
    /// was closed or cancelled.
    case unscheduled, scheduled, closed
}
