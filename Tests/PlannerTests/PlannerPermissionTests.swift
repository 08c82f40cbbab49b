import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import PlannerService
@testable import ServiceKit

/// Every planner route × a caller with and without the permission it needs (R1, R12, R17).
@Suite struct PlannerPermissionTests {
    static let schedule: Set<Permission> = [.plannerSchedule]

    @Test func everyRoute_checksItsPermission() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let app = Application(router: ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context))
        try await app.test(.router) { client in
            let findings = try await PermissionMatrix.findings(
                [
                    ProtectedRoute(.get, "/api/queue", needs: Self.schedule),
                    ProtectedRoute(.get, "/api/queue/t-1", needs: Self.schedule),
                    ProtectedRoute(.get, "/api/queue/t-1/suggestions", needs: Self.schedule),
                    ProtectedRoute(.get, "/api/operators", needs: Self.schedule),
                    ProtectedRoute(.get, "/api/appointments", needs: Self.schedule),
                    ProtectedRoute(.post, "/api/appointments", needs: Self.schedule, body: "{}"),
                    ProtectedRoute(.put, "/api/appointments/a-1", needs: Self.schedule, body: "{}"),
                    ProtectedRoute(.delete, "/api/appointments/a-1", needs: Self.schedule),
                    ProtectedRoute(.put, "/api/working-hours", needs: Self.schedule, body: "{}"),
                    ProtectedRoute(.get, "/api/working-hours", needs: Self.schedule),
                    ProtectedRoute(.put, "/api/activity-types/at-repair/links", needs: Self.schedule, body: "{}"),
                    ProtectedRoute(.get, "/api/activity-types/at-repair/links", needs: Self.schedule),
                    ProtectedRoute(.post, "/api/presence-rules", needs: Self.schedule, body: "{}"),
                    ProtectedRoute(.get, "/api/presence-rules", needs: Self.schedule),
                    ProtectedRoute(.delete, "/api/presence-rules/r-1", needs: Self.schedule),
                    ProtectedRoute(.post, "/api/presence-rules/generate", needs: Self.schedule, body: "{}"),
                    ProtectedRoute(.get, "/api/generation-jobs/j-1", needs: Self.schedule),
                    ProtectedRoute(.get, "/api/presences", needs: Self.schedule),
                    ProtectedRoute(.post, "/api/holidays", needs: Self.schedule, body: "{}"),
                    ProtectedRoute(.get, "/api/holidays", needs: Self.schedule),
                    ProtectedRoute(.put, "/api/holidays/2030-04-25", needs: Self.schedule, body: "{}"),
                    ProtectedRoute(.delete, "/api/holidays/2030-04-25", needs: Self.schedule),
                    ProtectedRoute(.post, "/api/absences", needs: Self.schedule, body: "{}"),
                    ProtectedRoute(.get, "/api/absences", needs: Self.schedule),
                    ProtectedRoute(.put, "/api/absences/x-1", needs: Self.schedule, body: "{}"),
                    ProtectedRoute(.delete, "/api/absences/x-1", needs: Self.schedule),
                    ProtectedRoute(.get, "/api/board", needs: Self.schedule),
                    ProtectedRoute(.get, "/board", needs: Self.schedule),
                    ProtectedRoute(.get, "/board/fragment", needs: Self.schedule),
                    ProtectedRoute(.get, "/availability/hours", needs: Self.schedule),
                    ProtectedRoute(.get, "/availability/links", needs: Self.schedule),
                    ProtectedRoute(.get, "/availability/presences", needs: Self.schedule),
                    ProtectedRoute(.get, "/availability/absences", needs: Self.schedule),
                    // a technician (reports.fill) exports only their own: AppointmentExportTests
                    ProtectedRoute(.get, "/appointments/export.csv", needs: Self.schedule),
                    ProtectedRoute(.get, "/appointments/export.xlsx", needs: Self.schedule)
                ], client: client, context: fixture.context)
            #expect(findings == [])
        }
    }

    @Test func aBrowserWithoutASession_isSentToIntakesLogin() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let app = Application(router: ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context))
        try await app.test(.router) { client in
            let response = try await client.executeRequest(
                uri: "/board?date=2030-03-04", method: .get, headers: [.accept: "text/html"], body: nil)
            #expect(response.status == .seeOther)
            #expect(
                response.headers[.location]?.hasPrefix(fixture.context.configuration.intakeURL + "/login?next=") == true
            )
        }
    }

    @Test func toDoList_isTheTechniciansOwn_orTheBackOffices() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let app = Application(router: ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context))
        try await app.test(.router) { client in
            let mario = client.loggedIn(to: fixture.context, permissions: [.reportsFill], operatorID: "op-mario")
            let own = try await mario.executeRequest(
                uri: "/api/operators/op-mario/todo", method: .get, headers: [:], body: nil)
            #expect(own.status == .ok)
            let other = try await mario.executeRequest(
                uri: "/api/operators/op-lucia/todo", method: .get, headers: [:], body: nil)
            #expect(other.status == .forbidden)
            let office = client.loggedIn(to: fixture.context, permissions: [.plannerSchedule])
            let any = try await office.executeRequest(
                uri: "/api/operators/op-lucia/todo", method: .get, headers: [:], body: nil)
            #expect(any.status == .ok)
            let billing = client.loggedIn(to: fixture.context, permissions: [.billingRead], operatorID: "op-mario")
            let none = try await billing.executeRequest(
                uri: "/api/operators/op-mario/todo", method: .get, headers: [:], body: nil)
            #expect(none.status == .forbidden)
        }
    }
}
