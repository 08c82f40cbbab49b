import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import ServiceKit
@testable import WebReportService

/// Every web-report route × a caller with and without `reports.fill` or `planner.schedule`
/// (R1, R17), and whose list or appointment it is.
@Suite struct WebReportPermissionTests {
    static let everyRoute: Set<Permission> = [.reportsFill, .plannerSchedule]
    /// Routes on one appointment or report open to `reports.fill` only for the technician whose
    /// appointment it is; to anyone else — the matrix's made-up callers included — an unknown one
    /// is refused like someone else's (403), so here only the back office's permission opens
    /// them. The owner's access is `WebReportObjectAccessTests` and the route tests.
    static let onObjects: Set<Permission> = [.plannerSchedule]

    @Test func everyRoute_checksItsPermission() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(WebReportService.definition, context: service.context))
        try await app.test(.router) { client in
            let findings = try await PermissionMatrix.findings(
                [
                    // The to-do list also depends on whose it is: see the next test.
                    ProtectedRoute(.post, "/api/appointments/apt-1/report", needs: Self.everyRoute, body: "{}"),
                    ProtectedRoute(.get, "/api/reports/rep-1", needs: Self.onObjects),
                    ProtectedRoute(.get, "/api/articles?q=filter", needs: Self.everyRoute),
                    ProtectedRoute(.get, "/todo", needs: Self.everyRoute),
                    ProtectedRoute(.get, "/calendar", needs: Self.everyRoute),
                    ProtectedRoute(.get, "/appointments/apt-1", needs: Self.onObjects),
                    ProtectedRoute(.get, "/", needs: Self.everyRoute),
                    ProtectedRoute(.get, "/reports/rep-1/pdf", needs: Self.onObjects),
                    ProtectedRoute(.get, "/reports/rep-1/signature.png", needs: Self.onObjects),
                    ProtectedRoute(.post, "/api/appointments/apt-1/photos", needs: Self.onObjects, body: "x"),
                    ProtectedRoute(.delete, "/api/appointments/apt-1/photos/ph-1", needs: Self.onObjects),
                    ProtectedRoute(.get, "/appointments/apt-1/photos/ph-1", needs: Self.onObjects),
                    // Replacing a customer's link is the back office's (the customer's PDF itself is
                    // public with its key: CustomerReportTests).
                    ProtectedRoute(.post, "/api/reports/rep-1/customer-link", needs: [.plannerSchedule])
                ], client: client, context: service.context)
            #expect(findings == [])
        }
    }

    @Test func aTechnician_readsOnlyTheirOwnToDoList() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(WebReportService.definition, context: service.context))
        try await app.test(.router) { client in
            let anonymous = try await client.executeRequest(
                uri: "/api/operators/op-mario/todo", method: .get, headers: [:], body: nil)
            #expect(anonymous.status == .unauthorized)
            let reader = client.loggedIn(to: service.context, permissions: [.ticketsRead], operatorID: "op-mario")
            let noFill = try await reader.executeRequest(
                uri: "/api/operators/op-mario/todo", method: .get, headers: [:], body: nil)
            #expect(noFill.status == .forbidden)
            let mario = client.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-mario")
            let own = try await mario.executeRequest(
                uri: "/api/operators/op-mario/todo", method: .get, headers: [:], body: nil)
            #expect(own.status == .ok)
            let other = try await mario.executeRequest(
                uri: "/api/operators/op-lucia/todo", method: .get, headers: [:], body: nil)
            #expect(other.status == .forbidden)
            let ownDeadlines = try await mario.executeRequest(
                uri: "/api/operators/op-mario/deadlines", method: .get, headers: [:], body: nil)
            #expect(ownDeadlines.status == .ok)
            let otherDeadlines = try await mario.executeRequest(
                uri: "/api/operators/op-lucia/deadlines", method: .get, headers: [:], body: nil)
            #expect(otherDeadlines.status == .forbidden)
            let readerDeadlines = try await reader.executeRequest(
                uri: "/api/operators/op-mario/deadlines", method: .get, headers: [:], body: nil)
            #expect(readerDeadlines.status == .forbidden)
            let otherPage = try await mario.executeRequest(
                uri: "/todo?operator=op-lucia", method: .get, headers: [:], body: nil)
            #expect(otherPage.status == .forbidden)
            let backOffice = client.loggedIn(
                to: service.context, permissions: [.plannerSchedule], operatorID: "op-giulia")
            let anyList = try await backOffice.executeRequest(
                uri: "/api/operators/op-lucia/todo", method: .get, headers: [:], body: nil)
            #expect(anyList.status == .ok)
            let anyDeadlines = try await backOffice.executeRequest(
                uri: "/api/operators/op-lucia/deadlines", method: .get, headers: [:], body: nil)
            #expect(anyDeadlines.status == .ok)
            let anyPage = try await backOffice.executeRequest(
                uri: "/todo?operator=op-lucia", method: .get, headers: [:], body: nil)
            #expect(anyPage.status == .ok)
        }
    }
}
