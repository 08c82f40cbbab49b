import Foundation
import GRDB
import WebReportDomain

/// Everything a printed or PDF report shows: the report, its appointment with customer and
/// ticket, and the signature's PNG.
struct PrintableReport: Sendable {
    /// The report with its sessions and materials.
    var report: ReportView
    /// Its appointment with ticket, type and customer.
    var line: WebReportStore.AppointmentLine
    /// The customer's signature, if one was drawn.
    var signaturePNG: [UInt8]?
    /// The intervention's photos, oldest first; left out of a copy that would be too heavy.
    var photos: [WebReportStore.Photo] = []
}

extension WebReportStore {
    /// The report `id` ready to print, if the caller may see its appointment.
    func printable(reportID id: String, access: AppointmentAccess) async throws -> PrintableReport {
        try await database.read { db in
            guard let report = try ReportView.load(id, in: db) else { throw WebReportError.reportNotFound(id) }
            try access.checkAppointment(of: report.operatorID)
            return try Self.printable(report, in: db)
        }
    }

    /// A report with its appointment, signature and photos, read inside `db`'s transaction.
    static func printable(_ report: ReportView, in db: Database) throws -> PrintableReport {
        guard let item = try TodoItemRecord.fetchOne(db, key: report.appointmentID) else {
            throw WebReportError.reportNotFound(report.id)
        }
        let signature = try ReportSignatureRecord.fetchOne(db, key: report.id)
        return PrintableReport(
            report: report, line: try Self.line(for: item, in: db), signaturePNG: signature.map { [UInt8]($0.png) },
            photos: try Self.photos(ofAppointment: item.appointmentID, in: db))
    }
}
