import Foundation
import GRDB

/// An appointment as web-report knows it from the planner's events: one line of an operator's
/// to-do list (SPEC R15) until it is reported (`done`) or cancelled.
struct TodoItemRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "todoItem"

    /// Where the appointment stands from the technician's point of view.
    enum Status: String, Codable, Sendable {
        /// On the to-do list, waiting for its report.
        case open
        /// Reported; kept for the report and for the "already closed" answer.
        case done
        /// Cancelled by the planner; off the list, kept so a late report gets a clear refusal.
        case cancelled
    }

    /// The planner's appointment id: the line's key, and the report's link to it.
    var appointmentID: String
    /// The ticket the appointment works on; nil for an appointment the planner made without one.
    var ticketID: String?
    /// The ticket's number as people read it (`TCK/2026/000123`).
    var ticketNumber: String?
    /// Whose to-do list the line is on.
    var operatorID: String
    /// The operator's name as the planner sent it, for lists and the feed.
    var operatorName: String
    /// The planner's title of the appointment (usually the ticket's number and type).
    var title: String
    /// The customer visited, when the appointment names one.
    var customerID: String?
    /// The customer's name as the planner sent it, shown until intake's snapshot is known.
    var customerName: String?
    /// When the technician is expected on site.
    var start: Date
    /// When the appointment's slot ends.
    var end: Date
    /// Whether the line is waiting for its report, reported or cancelled.
    var status: Status
    /// When the last appointment event changed the line.
    var updatedAt: Date

    /// The columns the lists' queries name.
    enum Columns {
        /// The `appointmentID` column: the planner's appointment id, which orders appointments of the same start.
        static let appointmentID = Column(CodingKeys.appointmentID)
        /// The `operatorID` column: whose to-do list and calendar feed the appointment is on.
        static let operatorID = Column(CodingKeys.operatorID)
        /// The `status` column: open, done or cancelled; the to-do list shows the open ones.
        static let status = Column(CodingKeys.status)
        /// The `start` column: when the technician is expected on site, the list's day and order.
        static let start = Column(CodingKeys.start)
    }
}
