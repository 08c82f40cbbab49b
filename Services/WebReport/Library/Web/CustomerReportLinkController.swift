import Foundation
import Hummingbird
import ServiceKit
import WebReportDomain

/// The customer's link to the signed report: the PDF for whoever holds the link's key (no
/// session: the customer has none), and the back office's button that replaces the key.
struct CustomerReportLinkController: Sendable {
    /// Where the reports and their keys are kept.
    let store: WebReportStore
    /// The PDF's labels in both languages.
    let strings: PageStrings
    /// The company's zone, for the PDF's dates.
    let timeZone: TimeZone

    /// The new link as the API answers it.
    struct Link: Encodable {
        /// The customer's new link.
        var url: String
    }

    /// `GET /reports/{id}/customer.pdf?key=…` (public) and `POST /api/reports/{id}/customer-link`
    /// (`planner.schedule`).
    func addRoutes(to router: ServiceRouter) {
        router.get("reports/:reportID/customer.pdf", use: pdf)
        router.group("api/reports/:reportID/customer-link")
            .add(middleware: RequirePermission(anyOf: [.plannerSchedule]))
            .post(use: renew)
    }

    /// `GET /reports/{id}/customer.pdf?key=…`: the signed report in the reader's language;
    /// 404 with no detail for an unknown report or a wrong, missing or replaced key.
    @Sendable func pdf(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("reportID")
        guard let key = request.uri.queryParameters.get("key"), !key.isEmpty,
            let content = try await store.customerPrintable(reportID: id, key: key)
        else { throw HTTPError(.notFound) }
        return try ReportPDFResponse.make(
            content,
            fileName: ReportCopyForCustomer.fileName(ticketNumber: content.line.item.ticketNumber, reportID: id),
            request: request, strings: strings, timeZone: timeZone)
    }

    /// `POST /api/reports/{id}/customer-link`: 201 with the new link; the old one answers 404
    /// from now on. 404 for an unknown report.
    @Sendable func renew(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("reportID")
        let path = try await WebReportErrorMapping.mapped(request) {
            try await store.renewCustomerKey(ofReport: id, access: AppointmentAccess(context.identity))
        }
        return try JSONResponse.make(.created, Link(url: (store.publicBaseURL ?? "") + path))
    }
}
