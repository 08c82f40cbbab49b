import AriannaProtocol
import Foundation
import GRDB

/// A technician's closed report of one appointment (SPEC R18); at most one per appointment
/// (`UNIQUE appointmentID`), read-only once written.
struct InterventionReportRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "interventionReport"

    /// The report's own id, in its URLs and in `intervention.closed.v1`.
    var id: String
    /// The appointment the report closes; unique, so an intervention has one report.
    var appointmentID: String
    /// Copied from the appointment, so `InterventionClosed` can name the ticket it closes.
    var ticketID: String?
    /// The operator the appointment was on when it was reported.
    var operatorID: String
    /// What was done, in the technician's words.
    var workDone: String
    /// The sum of the sessions' minutes.
    var workedMinutes: Int
    /// When the report was filed (the server's clock).
    var closedAt: Date
    /// Completed, or another visit needed.
    var outcome: InterventionOutcome
    /// Why another visit is needed; nil when completed.
    var visitNote: String?
    /// The sum of the sessions' travel.
    var travelMinutes: Int
    /// The customer's representative who signed, if anyone did.
    var signedBy: String?
    /// The phone's key for this report, so a second send returns it instead of a refusal.
    var idempotencyKey: String?
    /// The secret of the customer's link to the PDF (see `WebReportStore+CustomerReportLink.swift`); nil for
    /// reports filed before the link existed.
    var customerKey: String? = nil

    /// The columns the reports' queries name.
    enum Columns {
        /// The `appointmentID` column: the appointment the report closes, which finds an intervention's report.
        static let appointmentID = Column(CodingKeys.appointmentID)
        /// The `idempotencyKey` column: the phone's key, kept so a repeated send gets the filed report back.
        static let idempotencyKey = Column(CodingKeys.idempotencyKey)
        /// The `customerKey` column: the secret of the customer's link, written when it is made and read to build it.
        static let customerKey = Column(CodingKeys.customerKey)
    }
}

/// One work session of a report, in start order.
struct ReportSessionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "reportSession"

    /// The report the session belongs to.
    var reportID: String
    /// 1-based, in start order.
    var position: Int
    /// When the work began.
    var start: Date
    /// When the work ended.
    var end: Date
    /// Travel to this session in minutes.
    var travelMinutes: Int

    /// The columns the sessions' queries name.
    enum Columns {
        /// The `reportID` column: the report whose work sessions are read back.
        static let reportID = Column(CodingKeys.reportID)
        /// The `position` column: the session's 1-based place, their start order.
        static let position = Column(CodingKeys.position)
    }
}
