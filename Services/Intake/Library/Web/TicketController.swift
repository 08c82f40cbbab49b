import AriannaProtocol
import Foundation
import Hummingbird
import IntakeDomain
import ServiceKit

/// The JSON API of tickets: open one (the HTTP intake channel), list them, read one.
struct TicketController {
    /// Where tickets are opened and read.
    let store: IntakeStore
    /// `POST /api/tickets` goes through one group-commit writer per service (issue 13).
    let openings: TicketOpeningGroups

    /// The controller on the store of a running service.
    init(store: IntakeStore) {
        self.store = store
        self.openings = TicketOpeningGroups(store: store)
    }

    /// The tickets' JSON API: open, search, read one and its history; the customer lookup and the
    /// activity types a user may choose.
    func addRoutes(to router: ServiceRouter) {
        // R1: opening a ticket needs tickets.open, reading tickets.read, the customer lookup either.
        router.group("api").add(middleware: RequirePermission(.ticketsOpen)).post("tickets", use: open)
        let api = router.group("api").add(middleware: RequirePermission(.ticketsRead))
        api.get("tickets", use: list)
        api.get("tickets/:id", use: show)
        api.get("tickets/:id/history", use: history)
        router.group("api").add(middleware: RequirePermission(anyOf: [.ticketsOpen, .ticketsRead]))
            .get("customers", use: customers)
        // R4: a user sees the activity types of their practices (none assigned = all). Both lists
        // one page by code / by id (limit 100 by default, at most 500).
        api.get("activity-types") { request, context -> Response in
            let page = try PageRequest(request, defaultLimit: 100, maximum: 500)
            let practices = context.identity?.user?.practiceIDs
            let types = try await store.activityTypes(visibleTo: practices?.isEmpty == false ? practices : nil)
            return try JSONResponse.make(.ok, try ListSlice.page(types, page, width: 2) { [$0.code, $0.id] })
        }
        api.get("operators") { request, _ -> Response in
            let page = try PageRequest(request, defaultLimit: 100, maximum: 500)
            return try JSONResponse.make(
                .ok, try ListSlice.page(try await store.operators(), page, width: 2) { [$0.name, $0.id] })
        }
    }

    /// `POST /api/tickets`: 201 with the new ticket, or 200 with the ticket an earlier request
    /// with the same idempotency key (body field or `Idempotency-Key` header) opened. Concurrent
    /// requests are committed together (``TicketOpeningGroups``), each answered after its commit.
    @Sendable func open(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var ticket = try await request.decodeJSON(
            as: NewTicket.self, describedAs: Wording(it: "un ticket in JSON", en: "a JSON ticket"))
        if ticket.idempotencyKey == nil, let header = request.headers[.init("Idempotency-Key")!] {
            ticket.idempotencyKey = header
        }
        do {
            let (view, created) = try await openings.open(ticket, channel: .api)
            return try JSONResponse.make(created ? .created : .ok, view)
        } catch let error as IntakeError {
            throw error.httpError(PageLanguage.of(request))
        }
    }

    /// `GET /api/tickets?q=&state=&type=&practice=&customer=&group=&operator=&from=&to=&limit=&cursor=`:
    /// the search of the ticket list (R10 pages), newest first, one page
    /// `{"items": […], "nextCursor": "…"}` (limit 50 by default, at most 200); `q` searches the
    /// full-text index, `from`/`to` are RFC 3339 instants, `state` is `open`, `closed`,
    /// `cancelled` or an activity state id.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let language = PageLanguage.of(request)
        let page = try PageRequest(request, defaultLimit: 50, maximum: 200)
        func instant(_ name: String) throws -> Date? {
            guard let text = query.get(name), !text.isEmpty else { return nil }
            guard let date = APIJSON.parse(text) else {
                throw HTTPError(
                    .badRequest,
                    message: Wording(
                        it: "\(name) deve essere una data e ora RFC 3339 come 2026-03-01T00:00:00Z, non '\(text)'.",
                        en: "\(name) must be an RFC 3339 date-time such as 2026-03-01T00:00:00Z, not '\(text)'."
                    ).text(language))
            }
            return date
        }
        if let state = query.get("state"), !state.isEmpty, TicketRecord.State(rawValue: state) == nil,
            try await !store.searchChoices().states.contains(where: { $0.id == state })
        {
            throw HTTPError(
                .badRequest,
                message: Wording(
                    it: "state deve essere 'open', 'closed', 'cancelled' o l'id di uno stato attività, non '\(state)'.",
                    en: "state must be 'open', 'closed', 'cancelled' or an activity state id, not '\(state)'."
                ).text(language))
        }
        return try JSONResponse.make(
            .ok,
            try await store.ticketPage(
                matching: TicketSearch(
                    text: query.get("q"), state: query.get("state"), activityTypeCode: query.get("type"),
                    practiceID: query.get("practice"), customerID: query.get("customer"),
                    assignedGroup: query.get("group"), assignedOperatorID: query.get("operator"),
                    openedFrom: try instant("from"), openedBefore: try instant("to"),
                    visiblePracticeIDs: context.identity.visiblePracticeIDs), page: page))
    }

    /// `GET /api/tickets/{id}/history?limit=&cursor=`: what happened to the ticket, oldest first,
    /// one page `{"items": […], "nextCursor": "…"}` (limit 100 by default, at most 500).
    @Sendable func history(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try PageRequest(request, defaultLimit: 100, maximum: 500)
        do {
            let id = try await store.ticket(
                id: try context.parameters.require("id"), visibleTo: context.identity.visiblePracticeIDs
            ).id
            return try JSONResponse.make(.ok, try await store.historyPage(ofTicket: id, page: page))
        } catch let error as IntakeError {
            throw error.httpError(PageLanguage.of(request))
        }
    }

    /// `GET /api/customers?q=&limit=&cursor=`: active customers matching the text, with their
    /// sites, by name, one page `{"items": […], "nextCursor": "…"}` (limit 20 by default, at most 100).
    @Sendable func customers(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try PageRequest(request, defaultLimit: 20, maximum: 100)
        return try JSONResponse.make(
            .ok, try await store.customerPage(matching: request.uri.queryParameters.get("q") ?? "", page: page))
    }

    /// `GET /api/tickets/{id}`: the ticket, with its version as `ETag` (send it back as `If-Match`);
    /// 404 for another practice's ticket, as for an unknown one (R4).
    @Sendable func show(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        do {
            let ticket = try await store.ticket(id: id, visibleTo: context.identity.visiblePracticeIDs)
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
