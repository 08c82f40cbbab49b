import AriannaProtocol
import Foundation
import ServiceKit

/// The signed report's PDF as it travels to notification in `intervention.report-issued.v1`,
/// so the customer's "intervention completed" email can carry it: in Italian (the customer's
/// language is not known here), with the photos when they fit under
/// ``InterventionReportIssued/maximumBase64Length`` and without them otherwise.
enum ReportCopyForCustomer {
    /// The event for `content`, or nil when no copy can be made: even without photos it is too
    /// large (its text alone would be hundreds of pages) or libHaru refuses it. Never throws, so
    /// a document problem never stops a report from being filed: a photo libHaru cannot read
    /// (checked by its first bytes only) leaves the photos out, as a too-heavy one does, and the
    /// customer still has the link.
    static func event(
        for content: PrintableReport, issuedAt: Date, timeZone: TimeZone,
        maximumLength: Int = InterventionReportIssued.maximumBase64Length
    ) -> InterventionReportIssued? {
        let table = WebReportStrings.all.table(for: .it)
        let format = LocalTimeFormat(timeZone: timeZone)
        func base64(_ copy: PrintableReport) -> String? {
            (try? ReportPDF.make(copy, table: table, format: format)).map { Data($0).base64EncodedString() }
        }
        var copy = content
        var pdf = base64(copy)
        // True when nothing was left out (also for a report without photos).
        var photosIncluded = true
        if !copy.photos.isEmpty, (pdf?.utf8.count ?? .max) > maximumLength {
            copy.photos = []
            photosIncluded = false
            pdf = base64(copy)
        }
        guard let pdf, pdf.utf8.count <= maximumLength else { return nil }
        let report = content.report
        return InterventionReportIssued(
            reportID: report.id, appointmentID: report.appointmentID, ticketID: report.ticketID,
            fileName: fileName(ticketNumber: content.line.item.ticketNumber, reportID: report.id),
            pdfBase64: pdf, photosIncluded: photosIncluded, issuedAt: issuedAt)
    }

    /// `report-TCK-2026-000123.pdf`: the ticket's number (else the report's id) with only
    /// letters, digits and dashes, safe in any mail client.
    static func fileName(ticketNumber: String?, reportID: String) -> String {
        let name = String((ticketNumber ?? reportID).map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
        return "report-\(name).pdf"
    }
}
