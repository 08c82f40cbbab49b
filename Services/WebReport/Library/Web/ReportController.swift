import Foundation
import Hummingbird
import ServiceKit

/// The technician's JSON API: the to-do list, filing a report, reading one back.
struct ReportController {
    let store: WebReportStore

    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api").add(middleware: RequirePermission(.reportsFill))
        api.get("operators/:operatorID/todo", use: todo)
        api.post("appointments/:appointmentID/report", use: fileReport)
        api.get("reports/:reportID", use: report)
    }

    /// `GET /api/operators/{operatorID}/todo`: open appointments, earliest first (empty for an
    /// operator with none, since operators are intake's to know).
    @Sendable func todo(_ request: Request, context: ServiceRequestContext) async throws -> [TodoItemView] {
        let operatorID = try context.parameters.require("operatorID")
        try Self.checkOwnList(operatorID, identity: context.identity)
        return try await store.todo(operatorID: operatorID)
    }

    /// A technician reads their own to-do list; another operator's needs the back office's
    /// scheduling permission too.
    static func checkOwnList(_ operatorID: String, identity: RequestIdentity?) throws {
        guard let user = identity?.user, user.operatorID != operatorID, !user.permissions.contains(.plannerSchedule)
        else { return }
        throw HTTPError(.forbidden, message: "\(user.displayName) may read only their own to-do list.")
    }

    /// `POST /api/appointments/{appointmentID}/report`: 201 with the report; 400 for a body that
    /// is not a report, 422 for one that breaks a rule, 404 for an unknown appointment, 409 when
    /// it was already reported or was cancelled.
    @Sendable func fileReport(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let appointmentID = try context.parameters.require("appointmentID")
        // Decoded here rather than with `request.decode`, which turns a `DecodingError` into its
        // own HTTPError and would hide which field is wrong.
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let draft: ReportDraft
        do {
            draft = try context.requestDecoder.decode(ReportDraft.self, from: Data(body.readableBytesView))
        } catch {
            throw HTTPError(.badRequest, message: "The body must be a JSON intervention report: \(DecodingProblem.describe(error))")
        }
        do {
            let report = try await store.fileReport(draft, forAppointment: appointmentID)
            var response = try JSONResponse.make(.created, report)
            response.headers[.location] = "/api/reports/\(report.id)"
            return response
        } catch let error as WebReportError {
            throw error.httpError
        }
    }

    /// `GET /api/reports/{reportID}`.
    @Sendable func report(_ request: Request, context: ServiceRequestContext) async throws -> ReportView {
        let id = try context.parameters.require("reportID")
        do {
            return try await store.report(id: id)
        } catch let error as WebReportError {
            throw error.httpError
        }
    }
}

extension WebReportError {
    /// The HTTP answer for each refusal.
    var httpError: HTTPError {
        switch self {
        case .invalidReport:
            HTTPError(.unprocessableContent, message: description)
        case .appointmentNotFound, .reportNotFound:
            HTTPError(.notFound, message: description)
        case .alreadyClosed, .appointmentCancelled:
            HTTPError(.conflict, message: description)
        }
    }
}
