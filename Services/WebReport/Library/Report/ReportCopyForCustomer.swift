import AriannaProtocol
import Foundation
import ServiceKit

/// The signed report's PDF as it travels to notification in `intervention.report-issued.v1`,
/// so the customer's "intervention completed" email can carry it: in Italian (the customer's
/// language is not known here), with the photos when they fit under
/// ``InterventionReportIssued/maximumBase64Length`` and without them otherwise.
enum ReportCopyForCustomer {
    /// The event for `content`, or nil when even the copy without photos is too large (its text
    /// alone would be a report hundreds of pages long; the customer still has the link).
    static func event(
        for content: PrintableReport, issuedAt: Date, timeZone: TimeZone,
        maximumLength: Int = InterventionReportIssued.maximumBase64Length
    ) throws -> InterventionReportIssued? {
        let table = WebReportStrings.all.table(for: .it)
        let format = LocalTimeFormat(timeZone: timeZone)
        var copy = content
        var base64 = Data(try ReportPDF.make(copy, table: table, format: format)).base64EncodedString()
        // True when nothing was left out (also for a report without photos).
        var photosIncluded = true
        if base64.utf8.count > maximumLength, !copy.photos.isEmpty {
            copy.photos = []
            photosIncluded = false
            base64 = Data(try ReportPDF.make(copy, table: table, format: format)).base64EncodedString()
        }
        guard base64.utf8.count <= maximumLength else { return nil }
        let report = content.report
        return InterventionReportIssued(
            reportID: report.id, appointmentID: report.appointmentID, ticketID: report.ticketID,
            fileName: fileName(ticketNumber: content.line.item.ticketNumber, reportID: report.id),
            pdfBase64: base64, photosIncluded: photosIncluded, issuedAt: issuedAt)
    }

    /// `report-TCK-2026-000123.pdf`: the ticket's number (else the report's id) with only
    /// letters, digits and dashes, safe in any mail client.
    static func fileName(ticketNumber: String?, reportID: String) -> String {
        let name = String((ticketNumber ?? reportID).map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
        return "report-\(name).pdf"
    }
}
