import Foundation
import Hummingbird
import ServiceKit
import AriannaProtocol

/// The JSON API of tickets: open one (the HTTP intake channel), list them, read one.
struct TicketController {
    let store: IntakeStore

    func addRoutes(to router: ServiceRouter) {
        // R1: opening a ticket needs tickets.open, reading tickets.read, the customer lookup either.
        router.group("api").add(middleware: RequirePermission(.ticketsOpen)).post("tickets", use: open)
        let api = router.group("api").add(middleware: RequirePermission(.ticketsRead))
        api.get("tickets", use: list)
        api.get("tickets/:id", use: show)
        api.get("tickets/:id/history", use: history)
        router.group("api").add(middleware: RequirePermission(anyOf: [.ticketsOpen, .ticketsRead]))
            .get("customers", use: customers)
        // R4: a user sees the activity types of their practices (none assigned = all).
        api.get("activity-types") { _, context in
            let practices = context.identity?.user?.practiceIDs
            return try await store.activityTypes(visibleTo: practices?.isEmpty == false ? practices : nil)
        }
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
            throw error.httpError(PageLanguage.of(request))
        }
    }

    /// `GET /api/tickets?q=&state=&type=&practice=&customer=&from=&to=&limit=`: the search
    /// of the ticket list (R10 pages); `from`/`to` are RFC 3339 instants, `state` is `open`,
    /// `closed` or an activity state id.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> [TicketView] {
        let query = request.uri.queryParameters
        func instant(_ name: String) throws -> Date? {
            guard let text = query.get(name), !text.isEmpty else { return nil }
            guard let date = APIJSON.parse(text) else {
                throw HTTPError(.badRequest, message: "\(name) must be an RFC 3339 date-time such as 2026-03-01T00:00:00Z, not '\(text)'.")
            }
            return date
        }
        let limit = try query.get("limit").map { text in
            guard let value = Int(text), (1...1000).contains(value) else {
                throw HTTPError(.badRequest, message: "limit must be a whole number from 1 to 1000, not '\(text)'.")
            }
            return value
        } ?? 200
        if let state = query.get("state"), !state.isEmpty, state != "open", state != "closed",
           try await !store.searchChoices().states.contains(where: { $0.id == state }) {
            throw HTTPError(.badRequest, message: "state must be 'open', 'closed' or an activity state id, not '\(state)'.")
        }
        return try await store.tickets(matching: TicketSearch(
            text: query.get("q"), state: query.get("state"), activityTypeCode: query.get("type"),
            practiceID: query.get("practice"), customerID: query.get("customer"),
            openedFrom: try instant("from"), openedBefore: try instant("to"),
            visiblePracticeIDs: context.identity.visiblePracticeIDs, limit: limit))
    }

    /// `GET /api/tickets/{id}/history`: what happened to the ticket, oldest first.
    @Sendable func history(_ request: Request, context: ServiceRequestContext) async throws -> [TicketHistoryEntry] {
        do {
            return try await store.history(ofTicket: try context.parameters.require("id"))
        } catch let error as IntakeError {
            throw error.httpError(PageLanguage.of(request))
        }
    }

    /// `GET /api/customers?q=`: active customers matching the text, with their sites.
    @Sendable func customers(_ request: Request, context: ServiceRequestContext) async throws -> [CustomerWithSites] {
        try await store.customers(matching: request.uri.queryParameters.get("q") ?? "")
    }

    /// `GET /api/tickets/{id}`: the ticket, with its version as `ETag` (send it back as `If-Match`).
    @Sendable func show(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        do {
            let ticket = try await store.ticket(id: id)
            var response = try JSONResponse.make(.ok, ticket)
            response.headers[.eTag] = "\"\(ticket.version)\""
            return response
        } catch let error as IntakeError {
            throw error.httpError(PageLanguage.of(request))
        }
    }
}

extension IntakeError {
    /// The HTTP answer, in the request's language.
    func httpError(_ language: PageLanguage) -> HTTPError {
        switch self {
        case .invalidTicket, .unknownActivityType, .activityTypeNotACall:
            return HTTPError(.unprocessableContent, message: description(in: language))
        case .ticketNotFound:
            return HTTPError(.notFound, message: description(in: language))
        }
    }
}
