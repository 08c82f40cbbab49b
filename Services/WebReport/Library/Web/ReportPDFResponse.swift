import Foundation
import Hummingbird
import ServiceKit

/// A closed report's PDF as an answer: rendered in the request's language, shown inline, never
/// cached — the same for the technician's and back office's route and the customer's link.
enum ReportPDFResponse {
    /// The PDF of `content` in the request's language, named `fileName` when saved.
    static func make(
        _ content: PrintableReport, fileName: String, request: Request, strings: PageStrings, timeZone: TimeZone
    ) throws -> Response {
        let table = strings.table(for: PageLanguage.of(request))
        let bytes = try ReportPDF.make(content, table: table, format: LocalTimeFormat(timeZone: timeZone))
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/pdf", .cacheControl: "private, no-store",
                .contentDisposition: "inline; filename=\"\(fileName)\""
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
