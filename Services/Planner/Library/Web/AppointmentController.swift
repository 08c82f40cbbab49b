import Foundation
import Hummingbird
import ServiceKit

/// The planner's JSON API: the unscheduled queue, operators, and appointment commands.
struct AppointmentController {
    let store: PlannerStore
    let timeZone: TimeZone

    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api")
        api.get("queue") { _, _ in try await store.unscheduledCalls() }
        api.get("queue/:ticketID") { _, context -> QueueEntry in
            let id = try context.parameters.require("ticketID")
            guard let entry = try await store.queueEntry(ticketID: id) else {
                throw HTTPError(.notFound, message: PlannerError.ticketNotFound(id).message(in: timeZone))
            }
            return entry
        }
        api.get("operators") { _, _ in try await store.operators() }
        api.get("appointments", use: list)
        api.post("appointments", use: schedule)
        api.put("appointments/:id", use: move)
        api.delete("appointments/:id", use: unschedule)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> [AppointmentRecord] {
        let query = request.uri.queryParameters
        func date(_ name: String) throws -> Date? {
            guard let text = query.get(name) else { return nil }
            guard let date = APIJSON.parse(text) else {
                throw HTTPError(.badRequest, message: "\(name) must be a date-time such as 2026-03-02T09:00:00Z.")
            }
            return date
        }
        return try await store.appointments(operatorID: query.get("operatorID"), from: try date("from"), to: try date("to"))
    }

    /// `POST /api/appointments`: 201 with the appointment, 409 with the reason when it does not fit.
    @Sendable func schedule(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(as: ScheduleRequest.self, describedAs: "a JSON appointment")
        return try await mapped { try JSONResponse.make(.created, try await store.schedule(body)) }
    }

    @Sendable func move(_ request: Request, context: ServiceRequestContext) async throws -> AppointmentRecord {
        let id = try context.parameters.require("id")
        let body = try await request.decodeJSON(as: MoveRequest.self, describedAs: "a JSON move (start, optional end and operatorID)")
        return try await mapped { try await store.move(appointmentID: id, to: body) }
    }

    @Sendable func unschedule(_ request: Request, context: ServiceRequestContext) async throws -> AppointmentRecord {
        let id = try context.parameters.require("id")
        return try await mapped { try await store.unschedule(appointmentID: id) }
    }

    private func mapped<T>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as PlannerError {
            let status: HTTPResponse.Status = switch error {
            case .refused, .ticketNotUnscheduled, .appointmentCancelled: .conflict
            case .ticketNotFound, .appointmentNotFound: .notFound
            case .missingField: .unprocessableContent
            }
            throw HTTPError(status, message: error.message(in: timeZone))
        }
    }
}
