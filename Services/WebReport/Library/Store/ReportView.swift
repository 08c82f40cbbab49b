import Foundation
import GRDB
import Hummingbird

/// An intervention report as the API returns it: the report with its materials.
struct ReportView: Codable, Sendable, Equatable, ResponseEncodable {
    /// A material line of the report.
    struct Material: Codable, Sendable, Equatable {
        var articleCode: String
        var description: String
        var quantity: Double
    }

    var id: String
    var appointmentID: String
    var ticketID: String?
    var operatorID: String
    var workDone: String
    var workedMinutes: Int
    var materials: [Material]
    var closedAt: Date

    init(_ report: InterventionReportRecord, materials: [ReportMaterialRecord]) {
        id = report.id
        appointmentID = report.appointmentID
        ticketID = report.ticketID
        operatorID = report.operatorID
        workDone = report.workDone
        workedMinutes = report.workedMinutes
        self.materials = materials.map { Material(articleCode: $0.articleCode, description: $0.description, quantity: $0.quantity) }
        closedAt = report.closedAt
    }

    /// The report `id` with its materials in order, or `nil` if there is none.
    static func load(_ id: String, in db: Database) throws -> ReportView? {
        guard let report = try InterventionReportRecord.fetchOne(db, key: id) else { return nil }
        let materials = try ReportMaterialRecord
            .filter(ReportMaterialRecord.Columns.reportID == id)
            .order(ReportMaterialRecord.Columns.position)
            .fetchAll(db)
        return ReportView(report, materials: materials)
    }
}
