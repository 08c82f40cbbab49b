import AriannaProtocol
import Foundation
import Hummingbird
import IntakeDomain
import ServiceKit

/// The JSON API of a ticket's life after it is opened (issue 12): edit its details, reassign it,
/// change its state, cancel it. Back-office work, so every route needs `planner.schedule`; the
/// store also refuses tickets of practices the caller does not see (404). Each change carries
/// the ticket's `version` (body field or `If-Match`); answers carry the new one as `ETag`.
struct TicketLifecycleController {
    /// Where tickets are changed.
    let store: IntakeStore

    /// The JSON changes of a ticket after opening: details, reassignment, state, cancellation.
    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api/tickets").add(middleware: RequirePermission(.plannerSchedule))
        api.put(":id/details", use: edit)
        api.post(":id/reassign", use: reassign)
        api.post(":id/state", use: changeState)
        api.post(":id/cancel", use: cancel)
    }

    /// `PUT /api/tickets/{id}/details`: the ticket's details as a whole (`TicketEdit`).
    @Sendable func edit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var edit = try await request.decodeJSON(
            as: TicketEdit.self, describedAs: Wording(it: "i dettagli del ticket", en: "the ticket's details"))
        edit.version = edit.version ?? Self.ifMatch(request)
        return try await answer(request) {
            try await store.edit(ticket: try context.parameters.require("id"), edit, by: Self.actor(context))
        }
    }

    /// `POST /api/tickets/{id}/reassign`: `{"group": …, "operatorID": …, "version": …}`.
    @Sendable func reassign(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var change = try await request.decodeJSON(
            as: TicketReassignment.self, describedAs: Wording(it: "una riassegnazione", en: "a reassignment"))
        change.version = change.version ?? Self.ifMatch(request)
        return try await answer(request) {
            try await store.reassign(ticket: try context.parameters.require("id"), change, by: Self.actor(context))
        }
    }

    /// `POST /api/tickets/{id}/state`: `{"stateID": …, "version": …}`.
    @Sendable func changeState(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var change = try await request.decodeJSON(
            as: TicketStateChange.self, describedAs: Wording(it: "un cambio di stato", en: "a state change"))
        change.version = change.version ?? Self.ifMatch(request)
        return try await answer(request) {
            try await store.changeState(ticket: try context.parameters.require("id"), change, by: Self.actor(context))
        }
    }

    /// `POST /api/tickets/{id}/cancel`: `{"reason": …, "version": …}`.
    @Sendable func cancel(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var cancellation = try await request.decodeJSON(
            as: TicketCancellation.self, describedAs: Wording(it: "un annullamento", en: "a cancellation"))
        cancellation.version = cancellation.version ?? Self.ifMatch(request)
        return try await answer(request) {
            try await store.cancel(ticket: try context.parameters.require("id"), cancellation, by: Self.actor(context))
        }
    }

    /// 200 with the changed ticket and its new version as `ETag`, or the refusal in the request's language.
    private func answer(_ request: Request, _ change: () async throws -> TicketView) async throws -> Response {
        let language = PageLanguage.of(request)
        do {
            let view = try await change()
            var response = try JSONResponse.make(.ok, view)
            response.headers[.eTag] = "\"\(view.version)\""
            return response
        } catch let error as IntakeError {
            throw error.httpError(language)
        } catch let error as TicketChangeError {
            throw error.httpError(language)
        }
    }

    /// Who is asking: their display name and the practices they see.
    static func actor(_ context: ServiceRequestContext) -> TicketActor {
        TicketActor(name: context.identity?.displayName ?? "?", visiblePracticeIDs: context.identity.visiblePracticeIDs)
    }

    /// The version in an `If-Match: "3"` (or `3`) header.
    static func ifMatch(_ request: Request) -> Int? {
        guard let value = request.headers[.ifMatch] else { return nil }
        return Int(value.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/")))
    }
}

extension TicketChangeError {
    /// 409 for a conflict with the ticket as it is now (stale version, closed or cancelled),
    /// 428 when no version came, 422 for a wrong change.
    func httpError(_ language: PageLanguage) -> HTTPError {
        let status: HTTPResponse.Status =
            switch self {
            case .staleVersion, .notOpen: .conflict
            case .versionMissing: .preconditionRequired
            case .invalid: .unprocessableContent
            }
        return HTTPError(status, message: wording.text(language))
    }
}
