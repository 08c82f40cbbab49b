import Foundation
import Hummingbird
import ServiceKit
import WebReportDomain

/// A closed report's documents: the PDF (libHaru) and the signature's image, for the technician
/// whose appointment it was and for the back office.
struct ReportDocumentsController: Sendable {
    /// Where reports, signatures and photos are read.
    let store: WebReportStore
    /// The PDF's labels in both languages.
    let strings: PageStrings
    /// The company's zone, for the PDF's dates.
    let timeZone: TimeZone

    /// `/reports/{id}/pdf` and `/reports/{id}/signature.png`.
    func addRoutes(to router: ServiceRouter) {
        let documents = router.group("reports").add(
            middleware: RequirePermission(anyOf: [.reportsFill, .plannerSchedule]))
        documents.get(":reportID/pdf", use: pdf)
        documents.get(":reportID/signature.png", use: signature)
    }

    /// `GET /reports/{id}/pdf`: the signed report as a PDF in the reader's language.
    @Sendable func pdf(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("reportID")
        let access = AppointmentAccess(context.identity)
        let content = try await WebReportErrorMapping.mapped(request, access: access) {
            try await store.printable(reportID: id, access: access)
        }
        return try ReportPDFResponse.make(
            content, fileName: "report-\(id).pdf", request: request, strings: strings, timeZone: timeZone)
    }

    /// `GET /reports/{id}/signature.png`: 404 when the report was not signed.
    @Sendable func signature(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("reportID")
        let access = AppointmentAccess(context.identity)
        let png = try await WebReportErrorMapping.mapped(request, access: access) {
            try await store.signature(ofReport: id, access: access)
        }
        guard let png else { throw HTTPError(.notFound) }
        return Response(
            status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: png)))
    }
}
