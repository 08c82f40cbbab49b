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

    var appointmentID: String
    var ticketID: String?
    var ticketNumber: String?
    var operatorID: String
    var operatorName: String
    var title: String
    var customerID: String?
    var customerName: String?
    var start: Date
    var end: Date
    var status: Status
    var updatedAt: Date

    /// The columns the lists' queries name.
    enum Columns {
        static let appointmentID = Column(CodingKeys.appointmentID)
        static let operatorID = Column(CodingKeys.operatorID)
        static let status = Column(CodingKeys.status)
        static let start = Column(CodingKeys.start)
    }
}
