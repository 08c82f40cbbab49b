import Foundation
import PlannerDomain

/// The rows the board is built from, read in one consistent snapshot by `BoardReader`. Kept
/// apart from the reading so `BoardBuilder` is a pure function that tests and benchmarks can
/// feed directly.
struct BoardSnapshot: Sendable {
    /// Every known operator (the builder keeps the active ones of the chosen group).
    var operators: [OperatorRecord]
    /// Activity types by id: their colours paint bars and cards.
    var activityTypes: [String: ActivityTypeRecord]
    /// Scheduled appointments overlapping the shown range.
    var appointments: [AppointmentRecord]
    /// The calls behind those appointments, by ticket id: their activity type and state.
    var callsByTicket: [String: QueueEntry]
    /// The lower grid: the shown page of the filtered queue, most urgent first.
    var unscheduled: [QueueEntry]
    /// Where the queue's next page starts; nil on its last page.
    var queueNextCursor: String? = nil
    /// How many calls match the queue's filters, and per filter value.
    var queueCounts = QueueCounts(total: 0)
    /// White and grey.
    var availability: BoardAvailability
    /// The change counter at the time of the read.
    var version: String
    /// Activity states by id, for colours by state (R3).
    var states: [String: ActivityStateRecord] = [:]
    /// The state of a ticket no one has moved by hand: the first active non-final one.
    var initialStateID: String? = nil
}
