import AriannaProtocol
import Foundation
import GRDB

/// An intervention report as the API and the pages return it: the report with its sessions
/// and materials.
struct ReportView: Codable, Sendable, Equatable {
    /// A material line of the report.
    struct Material: Codable, Sendable, Equatable {
        /// The article's code in billing's catalogue.
        var articleCode: String
        /// The description as filed (the catalogue's when the technician left it empty).
        var description: String
        /// How many, in the article's unit.
        var quantity: Double
    }

    /// A work session of the report.
    struct Session: Codable, Sendable, Equatable {
        /// When the work began.
        var start: Date
        /// When the work ended.
        var end: Date
        /// Travel to this session in minutes.
        var travelMinutes: Int
        /// The session's minutes of work, computed from start and end.
        var workedMinutes: Int
    }

    /// The report's id.
    var id: String
    /// The appointment it closes.
    var appointmentID: String
    /// The ticket it works on, if any.
    var ticketID: String?
    /// The operator whose appointment it was.
    var operatorID: String
    /// What was done, in the technician's words.
    var workDone: String
    /// The sum of the sessions' minutes.
    var workedMinutes: Int
    /// The sum of the sessions' travel.
    var travelMinutes: Int
    /// Completed, or another visit needed.
    var outcome: InterventionOutcome
    /// Why another visit is needed; nil when completed.
    var visitNote: String?
    /// Who signed for the customer, if anyone did.
    var signedBy: String?
    /// The work sessions in start order.
    var sessions: [Session]
    /// The materials in the technician's order.
    var materials: [Material]
    /// When the report was filed.
    var closedAt: Date
    /// Whether the customer's signature was drawn (served at `/reports/{id}/signature.png`).
    var hasSignature: Bool

    /// The stored report with its sessions and materials; `hasSignature` when a signature is stored for it.
    init(
        _ report: InterventionReportRecord, sessions: [ReportSessionRecord], materials: [ReportMaterialRecord],
        hasSignature: Bool = false
    ) {
        id = report.id
        appointmentID = report.appointmentID
        ticketID = report.ticketID
        operatorID = report.operatorID
        workDone = report.workDone
        workedMinutes = report.workedMinutes
        travelMinutes = report.travelMinutes
        outcome = report.outcome
        visitNote = report.visitNote
        signedBy = report.signedBy
        self.sessions = sessions.map {
            Session(
                start: $0.start, end: $0.end, travelMinutes: $0.travelMinutes,
                workedMinutes: WorkSession(start: $0.start, end: $0.end, travelMinutes: $0.travelMinutes).workedMinutes)
        }
        self.materials = materials.map {
            Material(articleCode: $0.articleCode, description: $0.description, quantity: $0.quantity)
        }
        closedAt = report.closedAt
        self.hasSignature = hasSignature
    }

    /// The report `id` with its sessions and materials in order, or `nil` if there is none.
    static func load(_ id: String, in db: Database) throws -> ReportView? {
        guard let report = try InterventionReportRecord.fetchOne(db, key: id) else { return nil }
        return try load(report, in: db)
    }

    /// `report` with its sessions and materials in order.
    static func load(_ report: InterventionReportRecord, in db: Database) throws -> ReportView {
        let materials =
            try ReportMaterialRecord
            .filter(ReportMaterialRecord.Columns.reportID == report.id)
            .order(ReportMaterialRecord.Columns.position)
            .fetchAll(db)
        let sessions =
            try ReportSessionRecord
            .filter(ReportSessionRecord.Columns.reportID == report.id)
            .order(ReportSessionRecord.Columns.position)
            .fetchAll(db)
        let signed = try ReportSignatureRecord.exists(db, key: report.id)
        return ReportView(report, sessions: sessions, materials: materials, hasSignature: signed)
    }
}
