import AriannaProtocol
import Foundation
import GRDB

/// A technician's closed report of one appointment (SPEC R18); at most one per appointment
/// (`UNIQUE appointmentID`), read-only once written.
struct InterventionReportRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "interventionReport"

    var id: String
    var appointmentID: String
    /// Copied from the appointment, so `InterventionClosed` can name the ticket it closes.
    var ticketID: String?
    /// The operator the appointment was on when it was reported.
    var operatorID: String
    var workDone: String
    /// The sum of the sessions' minutes.
    var workedMinutes: Int
    var closedAt: Date
    var outcome: InterventionOutcome
    var visitNote: String?
    /// The sum of the sessions' travel.
    var travelMinutes: Int
    var signedBy: String?
    /// The phone's key for this report, so a second send returns it instead of a refusal.
    var idempotencyKey: String?
    /// The secret of the customer's link to the PDF (see `CustomerReportLink.swift`); nil for
    /// reports filed before the link existed.
    var customerKey: String? = nil

    /// The columns the reports' queries name.
    enum Columns {
        static let appointmentID = Column(CodingKeys.appointmentID)
        static let idempotencyKey = Column(CodingKeys.idempotencyKey)
        static let customerKey = Column(CodingKeys.customerKey)
    }
}

/// One work session of a report, in start order.
struct ReportSessionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "reportSession"

    var reportID: String
    /// 1-based, in start order.
    var position: Int
    var start: Date
    var end: Date
    var travelMinutes: Int

    enum Columns {
        static let reportID = Column(CodingKeys.reportID)
        static let position = Column(CodingKeys.position)
    }
}
