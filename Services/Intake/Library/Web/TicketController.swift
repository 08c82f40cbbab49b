import Foundation
import Hummingbird
import ServiceKit
import AriannaProtocol

/// The JSON API of tickets: open one (the HTTP intake channel), list them, read one.
struct TicketController {
    let store: IntakeStore

    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api")
        api.post("tickets", use: open)
        api.get("tickets", use: list)
        api.get("tickets/:id", use: show)
        api.get("activity-types") { _, _ in try await store.activityTypes() }
        api.get("operators") { _, _ in try await store.operators() }
    }

    /// `POST /api/tickets`: 201 with the new ticket, or 200 with the ticket an earlier request
    /// with the same idempotency key (body field or `Idempotency-Key` header) opened.
    @Sendable func open(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var ticket = try await request.decodeJSON(as: NewTicket.self, describedAs: "a JSON ticket")
        if ticket.idempotencyKey == nil, let header = request.headers[.init("Idempotency-Key")!] {
            ticket.idempotencyKey = header
        }
        do {
            let (view, created) = try await store.openTicket(ticket, channel: .api)
            return try JSONResponse.make(created ? .created : .ok, view)
        } catch let error as IntakeError {
            throw error.httpError
        }
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> [TicketView] {
        let state = try request.uri.queryParameters.get("state").map { value in
            guard let state = TicketRecord.State(rawValue: value) else {
                throw HTTPError(.badRequest, message: "state must be 'open' or 'closed', not '\(value)'.")
            }
            return state
        }
        return try await store.tickets(state: state)
    }

    @Sendable func show(_ request: Request, context: ServiceRequestContext) async throws -> TicketView {
        let id = try context.parameters.require("id")
        do {
            return try await store.ticket(id: id)
        } catch let error as IntakeError {
            throw error.httpError
        }
    }
}

extension IntakeError {
    var httpError: HTTPError {
        switch self {
        case .invalidTicket, .unknownActivityType, .activityTypeNotACall:
            return HTTPError(.unprocessableContent, message: description)
        case .ticketNotFound:
            return HTTPError(.notFound, message: description)
        }
    }
}
