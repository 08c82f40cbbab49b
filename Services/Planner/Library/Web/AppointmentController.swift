import Foundation
import Hummingbird
import PlannerDomain
import ServiceKit

/// The planner's JSON API: the unscheduled queue, operators, and appointment commands.
struct AppointmentController {
    /// Where appointments are checked and written.
    let store: PlannerStore
    /// The company's: dates in query strings are local days.
    let timeZone: TimeZone
    /// "Now", for the default start of suggestions and to-do lists.
    let clock: ServiceClock

    /// Adds the queue, operator, suggestion, to-do and appointment routes, each behind its permission.
    func addRoutes(to router: ServiceRouter) {
        // R12: the board's data and changes are the back office's (planner.schedule); a
        // technician may read their own to-do list with reports.fill.
        let api = router.group("api").add(middleware: RequirePermission(.plannerSchedule))
        api.get("queue") { request, _ -> Response in
            try JSONResponse.make(.ok, try await QueuePage.read(request, store: store, timeZone: timeZone))
        }
        api.get("queue/:ticketID") { request, context -> QueueEntry in
            let id = try context.parameters.require("ticketID")
            guard let entry = try await store.queueEntry(ticketID: id, visibleTo: Self.visiblePractices(context)) else {
                throw HTTPError(
                    .notFound,
                    message: PlannerError.ticketNotFound(id).message(in: timeZone, language: PageLanguage.of(request)))
            }
            return entry
        }
        api.get("queue/:ticketID/suggestions", use: suggestions)
        // `GET /api/operators?limit=&cursor=`: a page of operators by name then id.
        api.get("operators") { request, _ in
            try JSONResponse.make(.ok, try await store.operators(page: PageRequest(request)))
        }
        router.group("api").add(middleware: RequirePermission(anyOf: [.plannerSchedule, .reportsFill]))
            .get("operators/:id/todo", use: todo)
        api.get("appointments", use: list)
        api.post("appointments", use: schedule)
        api.put("appointments/:id", use: move)
        api.delete("appointments/:id", use: unschedule)
    }

    /// `GET /api/appointments?operatorID=&from=&to=&limit=&cursor=`: scheduled appointments a
    /// page at a time, by start then id (`{"items", "nextCursor"}`, 50 by default, at most 200).
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try PageRequest(request)
        let query = request.uri.queryParameters
        func date(_ name: String) throws -> Date? {
            guard let text = query.get(name) else { return nil }
            guard let date = APIJSON.parse(text) else {
                throw PlannerQuery(request, timeZone: timeZone).badRequest(
                    Wording(
                        it: "\(name) dev'essere una data e ora come 2026-03-02T09:00:00Z.",
                        en: "\(name) must be a date-time such as 2026-03-02T09:00:00Z."))
            }
            return date
        }
        return try JSONResponse.make(
            .ok,
            try await store.appointments(
                operatorID: query.get("operatorID"), from: try date("from"), to: try date("to"), page: page))
    }

    /// `POST /api/appointments`: 201 with the appointment, 409 with the reason when it does not fit.
    @Sendable func schedule(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(
            as: ScheduleRequest.self, describedAs: Wording(it: "un appuntamento in JSON", en: "a JSON appointment"))
        return try await mapped(request) { try JSONResponse.make(.created, try await store.schedule(body)) }
    }

    /// `PUT /api/appointments/{id}`: moves and/or resizes an appointment, refused when the new slot does not fit.
    @Sendable func move(_ request: Request, context: ServiceRequestContext) async throws -> AppointmentRecord {
        let id = try context.parameters.require("id")
        let body = try await request.decodeJSON(
            as: MoveRequest.self,
            describedAs: Wording(
                it: "uno spostamento in JSON (start, end facoltativo e operatorID)",
                en: "a JSON move (start, optional end and operatorID)"))
        return try await mapped(request) { try await store.move(appointmentID: id, to: body) }
    }

    /// `DELETE /api/appointments/{id}`: takes the appointment off the board; its call waits in the queue again.
    @Sendable func unschedule(_ request: Request, context: ServiceRequestContext) async throws -> AppointmentRecord {
        let id = try context.parameters.require("id")
        return try await mapped(request) { try await store.unschedule(appointmentID: id) }
    }

    private func mapped<T>(_ request: Request, _ work: () async throws -> T) async throws -> T {
        try await PlannerErrorMapping.mapped(request, in: timeZone, work)
    }

    /// `GET /api/queue/{ticketID}/suggestions?from=&days=&limit=`: the best slots for a call,
    /// over `days` (default 14) from `from` (default now), `limit` of them (default 5).
    @Sendable func suggestions(_ request: Request, context: ServiceRequestContext) async throws -> SuggestionList {
        let id = try context.parameters.require("ticketID")
        let query = PlannerQuery(request, timeZone: timeZone)
        let from = try query.instant("from") ?? clock.now()
        let days = try query.integer("days", in: 1...62, default: 14)
        let limit = try query.integer("limit", in: 1...50, default: 5)
        // Another practice's ticket is "not found", as in the queue itself (R4).
        guard try await store.queueEntry(ticketID: id, visibleTo: Self.visiblePractices(context)) != nil else {
            throw HTTPError(
                .notFound, message: PlannerError.ticketNotFound(id).message(in: timeZone, language: query.language))
        }
        return try await mapped(request) {
            try await store.suggestions(
                ticketID: id, from: from, days: days, limit: limit, language: query.language)
        }
    }

    /// The practices whose tickets the caller sees (R4): a user's own; nil — every practice — for
    /// a user with none set and for API keys.
    static func visiblePractices(_ context: ServiceRequestContext) -> [String]? {
        guard let practices = context.identity?.user?.practiceIDs, !practices.isEmpty else { return nil }
        return practices
    }

    /// The longest range a to-do list covers: 62 days, like the presences API.
    static let longestTodoRange: TimeInterval = 62 * 86_400

    /// `GET /api/operators/{id}/todo?from=&to=`: the operator's appointments in the range
    /// (default: today and the next 6 days, at most 62 days), by start (R15).
    @Sendable func todo(_ request: Request, context: ServiceRequestContext) async throws -> TodoList {
        let id = try context.parameters.require("id")
        // The back office reads anyone's list; anyone else only the list of the operator their
        // user is linked to (an API key never is, whatever its permissions).
        if context.identity?.has(.plannerSchedule) != true, context.identity?.user?.operatorID != id {
            let name = context.identity?.displayName ?? "?"
            throw HTTPError(
                .forbidden,
                message: Wording(
                    it: "\(name) può leggere solo il proprio elenco delle cose da fare.",
                    en: "\(name) may read only their own to-do list."
                ).text(PageLanguage.of(request)))
        }
        let query = PlannerQuery(request, timeZone: timeZone)
        let from =
            try query.instant("from") ?? LocalDate(containing: clock.now(), in: timeZone).startInstant(in: timeZone)
        let to =
            try query.instant("to", endOfDay: true)
            ?? LocalDate(containing: from, in: timeZone).adding(days: 7).startInstant(in: timeZone)
        // A to-do list is read a week at a time; the cap keeps the answer bounded (issue 15).
        guard to > from, to.timeIntervalSince(from) <= Self.longestTodoRange else {
            throw query.badRequest(
                Wording(
                    it: "to dev'essere dopo from, al massimo 62 giorni dopo.",
                    en: "to must be after from, at most 62 days after."))
        }
        return try await mapped(request) { try await store.todo(operatorID: id, from: from, to: to) }
    }
}
