import AriannaProtocol
import Foundation
import GRDB

/// An intervention report as the API and the pages return it: the report with its sessions
/// and materials.
struct ReportView: Codable, Sendable, Equatable {
    /// A material line of the report.
    struct Material: Codable, Sendable, Equatable {
        var articleCode: String
        var description: String
        var quantity: Double
    }

    /// A work session of the report.
    struct Session: Codable, Sendable, Equatable {
        var start: Date
        var end: Date
        var travelMinutes: Int
        var workedMinutes: Int
    }

    var id: String
    var appointmentID: String
    var ticketID: String?
    var operatorID: String
    var workDone: String
    var workedMinutes: Int
    var travelMinutes: Int
    var outcome: InterventionOutcome
    var visitNote: String?
    var signedBy: String?
    var sessions: [Session]
    var materials: [Material]
    var closedAt: Date
    /// Whether the customer's signature was drawn (served at `/reports/{id}/signature.png`).
    var hasSignature: Bool

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
            Session(start: $0.start, end: $0.end, travelMinutes: $0.travelMinutes,
                    workedMinutes: WorkSession(start: $0.start, end: $0.end, travelMinutes: $0.travelMinutes).workedMinutes)
        }
        self.materials = materials.map { Material(articleCode: $0.articleCode, description: $0.description, quantity: $0.quantity) }
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
        let materials = try ReportMaterialRecord
            .filter(ReportMaterialRecord.Columns.reportID == report.id)
            .order(ReportMaterialRecord.Columns.position)
            .fetchAll(db)
        let sessions = try ReportSessionRecord
            .filter(ReportSessionRecord.Columns.reportID == report.id)
            .order(ReportSessionRecord.Columns.position)
            .fetchAll(db)
        let signed = try ReportSignatureRecord.exists(db, key: report.id)
        return ReportView(report, sessions: sessions, materials: materials, hasSignature: signed)
    }
}
