import Foundation
import GRDB

/// A technician's closed report of one appointment (SPEC R18); at most one per appointment
/// (`UNIQUE appointmentID`).
struct InterventionReportRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "interventionReport"

    var id: String
    var appointmentID: String
    /// Copied from the appointment, so `InterventionClosed` can name the ticket it closes.
    var ticketID: String?
    /// The operator the appointment was on when it was reported.
    var operatorID: String
    var workDone: String
    var workedMinutes: Int
    var closedAt: Date

    enum Columns {
        static let appointmentID = Column(CodingKeys.appointmentID)
    }
}
