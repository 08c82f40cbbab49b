import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import PlannerService
@testable import ServiceKit

/// Object-level access on every planner route that takes an id (issue 14 §3). A queued ticket
/// is seen only by planners of its practice (R4, as the queue itself): another practice's
/// answers 404 like an unknown ticket. A to-do list is its technician's or the back office's: a
/// technician, or an API key (never linked to an operator) holding `reports.fill`, gets 403 for
/// any other list, existing or not. Appointments, absences, presences, holidays and links are
/// the back office's plan of every operator, with no per-object rule: their rows say so.
@Suite struct PlannerObjectAccessTests {
    @Test func everyIdRoute_refusesWhatIsNotTheCallers() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let job = try await fixture.generatePresences(from: "2030-03-18", to: "2030-03-22")
        try await fixture.apply(
            .activityTypeSnapshot(
                ActivityTypeSnapshot(
                    activityTypeID: "at-repair", code: "REPAIR", name: "Repair", macroType: .appointment,
                    expectedDurationMinutes: 60,
                    billable: true, colour: "#3366cc", active: true, practiceID: "pr-tech")))
        try await fixture.openTicket("t1", number: "TCK/2030/000001")
        try await fixture.openTicket("t2", number: "TCK/2030/000002")
        let appointment = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t2", operatorID: "op-mario", start: PlannerFixture.monday))
        let key = fixture.context.configuration.sessionKey
        func session(_ permissions: Set<Permission>, practices: [String] = [], operatorID: String? = nil) -> HTTPFields
        {
            let id = UUID().uuidString.prefix(8).lowercased()
            return SessionCredentials(
                claims: SessionClaims(
                    sessionID: "s-\(id)", userID: "u-\(id)", username: "user-\(id)", displayName: "User \(id)",
                    operatorID: operatorID, permissions: permissions, practiceIDs: practices,
                    expiresAt: PlannerFixture.start.addingTimeInterval(3600)),
                key: key
            ).bearerHeaders
        }
        let otherPractice = session([.plannerSchedule], practices: ["pr-commercial"])
        let ownPractice = session([.plannerSchedule], practices: ["pr-tech"])
        let office = session([.plannerSchedule])
        let mario = session([.reportsFill], operatorID: "op-mario")
        let fillKey = HTTPFields.bearer(
            try await ObjectAccess.apiKey(permissions: [.reportsFill], context: fixture.context))
        let router = ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context)
        let idRoutes = ObjectAccess.idRoutes(of: router)
        let plan = "the back office (planner.schedule) plans every operator's time; no per-object rule"

        let rows: [ObjectAccessRow] = [
            ObjectAccessRow(
                "GET /api/queue/{ticketID}", "/api/queue/t1", caller: otherPractice,
                .refused(.notFound, absentURI: "/api/queue/t-none")),
            ObjectAccessRow(
                "GET /api/queue/{ticketID}/suggestions", "/api/queue/t1/suggestions", caller: otherPractice,
                .refused(.notFound, absentURI: "/api/queue/t-none/suggestions")),
            ObjectAccessRow(
                "GET /api/queue/{ticketID}", "/api/queue/t1", caller: ownPractice,
                .noObjectRule(reason: "a planner of the ticket's practice reads it", answer: .ok)),
            ObjectAccessRow(
                "GET /api/queue/{ticketID}/suggestions", "/api/queue/t1/suggestions", caller: ownPractice,
                .noObjectRule(reason: "a planner of the ticket's practice gets its suggestions", answer: .ok)),
            ObjectAccessRow(
                "GET /api/operators/{id}/todo", "/api/operators/op-lucia/todo", caller: mario,
                .refused(.forbidden, absentURI: "/api/operators/op-none/todo")),
            ObjectAccessRow(
                "GET /api/operators/{id}/todo", "/api/operators/op-mario/todo", caller: fillKey,
                .refused(.forbidden, absentURI: "/api/operators/op-none/todo")),
            ObjectAccessRow(
                "GET /api/operators/{id}/todo", "/api/operators/op-mario/todo", caller: mario,
                .noObjectRule(reason: "Mario reads his own list", answer: .ok)),
            ObjectAccessRow(
                "PUT /api/appointments/{id}", "/api/appointments/a-none", caller: office,
                body: #"{"start":"2030-03-18T09:00:00Z"}"#, .noObjectRule(reason: plan, answer: .notFound)),
            ObjectAccessRow(
                "DELETE /api/appointments/{id}", "/api/appointments/\(appointment.id)", caller: office,
                .noObjectRule(reason: plan, answer: .ok)),
            ObjectAccessRow(
                "PUT /api/absences/{id}", "/api/absences/x-none", caller: office,
                body: #"{"operatorID":"op-lucia","firstDay":"2030-03-05","reason":"Training"}"#,
                .noObjectRule(reason: plan, answer: .notFound)),
            ObjectAccessRow(
                "DELETE /api/absences/{id}", "/api/absences/x-none", caller: office,
                .noObjectRule(reason: plan, answer: .notFound)),
            ObjectAccessRow(
                "DELETE /api/presence-rules/{id}", "/api/presence-rules/r-none", caller: office,
                .noObjectRule(reason: plan, answer: .notFound)),
            ObjectAccessRow(
                "GET /api/generation-jobs/{id}", "/api/generation-jobs/\(job.id)", caller: office,
                .noObjectRule(reason: plan, answer: .ok)),
            ObjectAccessRow(
                "PUT /api/holidays/{day}", "/api/holidays/2030-04-25", caller: office, body: #"{"name":"Liberazione"}"#,
                .noObjectRule(reason: "holidays are the company's, the same for everyone", answer: .ok)),
            ObjectAccessRow(
                "DELETE /api/holidays/{day}", "/api/holidays/2030-04-25", caller: office,
                .noObjectRule(reason: "holidays are the company's, the same for everyone", answer: .noContent)),
            ObjectAccessRow(
                "GET /api/activity-types/{id}/links", "/api/activity-types/at-repair/links", caller: office,
                .noObjectRule(reason: plan, answer: .ok)),
            ObjectAccessRow(
                "PUT /api/activity-types/{id}/links", "/api/activity-types/at-repair/links", caller: office,
                body: #"{"operatorIDs":["op-mario"],"groups":[]}"#, .noObjectRule(reason: plan, answer: .ok)),
            ObjectAccessRow(
                "GET /assets/kit/{name}", "/assets/kit/arianna.css", caller: [:],
                .noObjectRule(reason: "the shared layout's public stylesheet", answer: .ok)),
            ObjectAccessRow(
                "GET /assets/planner/{name}", "/assets/planner/board.js", caller: [:],
                .noObjectRule(reason: "the planner's public assets", answer: .ok)),
            ObjectAccessRow(
                "GET /lang/{code}", "/lang/en?back=/board", caller: [:],
                .noObjectRule(reason: "chooses the page language; touches no stored object", answer: .seeOther))
        ]
        try await Application(router: router).test(.router) { client in
            let findings = try await ObjectAccess.findings(rows, client: client)
            #expect(findings == [])
        }
        #expect(ObjectAccess.completeness(rows, idRoutes: idRoutes) == [])
        // The refused requests changed nothing: t1 is still waiting in the queue.
        #expect(try await fixture.store.queueEntry(ticketID: "t1")?.state == .unscheduled)
    }
}
