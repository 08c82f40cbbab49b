import Foundation
import Hummingbird
import ServiceKit
import WebReportDomain

/// The technician's JSON API: the to-do list, filing a report, reading one back, searching the
/// catalogue. Every route needs `reports.fill` or `planner.schedule`, and every appointment,
/// list or report is checked against the caller: a technician only touches their own.
struct ReportController {
    /// Where lists and reports are read and reports filed.
    let store: WebReportStore

    /// The JSON API under `/api`, each route needing `reports.fill` or `planner.schedule`.
    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api").add(middleware: RequirePermission(anyOf: [.reportsFill, .plannerSchedule]))
        api.get("operators/:operatorID/todo", use: todo)
        api.get("operators/:operatorID/deadlines", use: deadlines)
        api.post("appointments/:appointmentID/report", use: fileReport)
        api.get("reports/:reportID", use: report)
        api.get("articles", use: articles)
    }

    /// The lists' page size when the query names none: a day's work fits.
    static let defaultPageSize = 50
    /// The largest `limit` accepted: a phone's list in one page, never an unbounded answer.
    static let maximumPageSize = 200

    /// `GET /api/operators/{operatorID}/todo?limit=&cursor=`: one page of open appointments,
    /// earliest first, `{"items": […], "nextCursor": "…"}` (empty for an operator with none,
    /// since operators are intake's to know); 400 for a bad limit or cursor, 403 for someone
    /// else's list.
    @Sendable func todo(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let operatorID = try context.parameters.require("operatorID")
        let access = AppointmentAccess(context.identity)
        // Whose list first: someone else's is 403 whatever the query says.
        try await WebReportErrorMapping.mapped(request) { try access.checkList(of: operatorID) }
        let page = try PageRequest(request, defaultLimit: Self.defaultPageSize, maximum: Self.maximumPageSize)
        let items = try await WebReportErrorMapping.mapped(request) {
            try await store.todo(operatorID: operatorID, page: page, access: access)
        }
        return try JSONResponse.make(.ok, items)
    }

    /// `GET /api/operators/{operatorID}/deadlines?limit=&cursor=`: one page of the open deadlines
    /// in that operator's charge (R15), earliest due first; 400 for a bad limit or cursor, 403
    /// for someone else's list.
    @Sendable func deadlines(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let operatorID = try context.parameters.require("operatorID")
        let access = AppointmentAccess(context.identity)
        // Whose list first: someone else's is 403 whatever the query says.
        try await WebReportErrorMapping.mapped(request) { try access.checkList(of: operatorID) }
        let page = try PageRequest(request, defaultLimit: Self.defaultPageSize, maximum: Self.maximumPageSize)
        let items = try await WebReportErrorMapping.mapped(request) {
            try await store.deadlines(operatorID: operatorID, page: page, access: access)
        }
        return try JSONResponse.make(.ok, items)
    }

    /// `POST /api/appointments/{appointmentID}/report`: 201 with the report (200 when the same
    /// idempotency key already filed it); 400 for a body that is not a report, 422 for one that
    /// breaks a rule, 403 for an appointment not on the technician's list (someone else's or unknown;
    /// the back office gets 404 for an unknown one), 409
    /// when it was already reported or was cancelled.
    @Sendable func fileReport(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let appointmentID = try context.parameters.require("appointmentID")
        let draft = try await request.decodeJSON(
            as: ReportDraft.self,
            describedAs: Wording(it: "un rapporto d'intervento in JSON", en: "a JSON intervention report"))
        let access = AppointmentAccess(context.identity)
        let filing = try await WebReportErrorMapping.mapped(request, access: access) {
            try await store.fileReport(draft, forAppointment: appointmentID, access: access)
        }
        var response = try JSONResponse.make(filing.created ? .created : .ok, filing.report)
        response.headers[.location] = "/api/reports/\(filing.report.id)"
        return response
    }

    /// `GET /api/reports/{reportID}`: 403 for a report of someone else's appointment.
    @Sendable func report(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("reportID")
        let access = AppointmentAccess(context.identity)
        let view = try await WebReportErrorMapping.mapped(request, access: access) {
            try await store.report(id: id, access: access)
        }
        return try JSONResponse.make(.ok, view)
    }

    /// An article as the search answers it.
    struct ArticleHit: Encodable {
        /// The article's code, what the report form fills in.
        var code: String
        /// Its description in the caller's language.
        var description: String
        /// Its unit of measure.
        var unit: String
    }

    /// `GET /api/articles?q=text&limit=&cursor=`: active catalogue articles whose code or
    /// description contains the text, by code, in the caller's language; one page
    /// `{"items": […], "nextCursor": "…"}` (limit 20 by default, at most 100; keyset on the code,
    /// the table's primary key). No text, no hits.
    @Sendable func articles(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try PageRequest(request, defaultLimit: 20, maximum: 100)
        let text = (request.uri.queryParameters.get("q") ?? "").trimmed
        let language = PageLanguage.of(request)
        let found =
            text.isEmpty
            ? Page(items: [], nextCursor: nil) : try await store.searchArticles(String(text.prefix(64)), page: page)
        let hits = Page(
            items: found.items.map {
                ArticleHit(
                    code: $0.code, description: $0.catalogueArticle.description(in: language.rawValue), unit: $0.unit)
            }, nextCursor: found.nextCursor)
        return try JSONResponse.make(.ok, hits)
    }
}
