import Hummingbird
import HummingbirdTesting
import Testing
import ServiceTestSupport
@testable import WebReportService
@testable import ServiceKit

/// Every web-report route × a caller with and without `reports.fill` (R1, R17), and the
/// technician's own to-do list.
@Suite struct WebReportPermissionTests {
    @Test func everyRoute_checksItsPermission() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(WebReportService.definition, context: service.context))
        try await app.test(.router) { client in
            let findings = try await PermissionMatrix.findings([
                // The to-do list also depends on whose it is: see the next test.
                ProtectedRoute(.post, "/api/appointments/apt-1/report", needs: [.reportsFill], body: "{}"),
                ProtectedRoute(.get, "/api/reports/rep-1", needs: [.reportsFill]),
            ], client: client, context: service.context)
            #expect(findings == [])
        }
    }

    @Test func aTechnician_readsOnlyTheirOwnToDoList() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(WebReportService.definition, context: service.context))
        try await app.test(.router) { client in
            let anonymous = try await client.executeRequest(uri: "/api/operators/op-mario/todo", method: .get, headers: [:], body: nil)
            #expect(anonymous.status == .unauthorized)
            let scheduler = client.loggedIn(to: service.context, permissions: [.plannerSchedule, .ticketsRead], operatorID: "op-mario")
            let noFill = try await scheduler.executeRequest(uri: "/api/operators/op-mario/todo", method: .get, headers: [:], body: nil)
            #expect(noFill.status == .forbidden)
            let mario = client.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-mario")
            let own = try await mario.executeRequest(uri: "/api/operators/op-mario/todo", method: .get, headers: [:], body: nil)
            #expect(own.status == .ok)
            let other = try await mario.executeRequest(uri: "/api/operators/op-lucia/todo", method: .get, headers: [:], body: nil)
            #expect(other.status == .forbidden)
            let backOffice = client.loggedIn(to: service.context, permissions: [.reportsFill, .plannerSchedule], operatorID: "op-giulia")
            let anyList = try await backOffice.executeRequest(uri: "/api/operators/op-lucia/todo", method: .get, headers: [:], body: nil)
            #expect(anyList.status == .ok)
        }
    }
}
