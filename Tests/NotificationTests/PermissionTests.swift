import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import NotificationService
@testable import ServiceKit

/// Every notification route × a caller with and without the permission it needs (R1, R17).
@Suite struct NotificationPermissionTests {
    @Test func everyRoute_checksItsPermission() async throws {
        let service = try TestService()
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { client in
            let findings = try await PermissionMatrix.findings(
                [
                    ProtectedRoute(.get, "/api/emails", needs: [.ticketsRead]),
                    ProtectedRoute(.get, "/api/emails/email-1", needs: [.ticketsRead]),
                    ProtectedRoute(.get, "/outbox", needs: [.ticketsRead]),
                    ProtectedRoute(.get, "/outbox/email-1", needs: [.ticketsRead]),
                    ProtectedRoute(.post, "/outbox/email-1/resend", needs: [.ticketsOpen]),
                    ProtectedRoute(.get, "/api/templates", needs: [.setupEdit]),
                    ProtectedRoute(.get, "/templates", needs: [.setupEdit]),
                    ProtectedRoute(.post, "/api/templates/preview", needs: [.setupEdit], body: "{}"),
                    ProtectedRoute(.put, "/api/templates/ticket-opened", needs: [.setupEdit], body: "{}"),
                    ProtectedRoute(.delete, "/api/templates/ticket-opened?activityTypeID=at-7", needs: [.setupEdit]),
                    ProtectedRoute(.get, "/api/recipient-rules?activityTypeID=at-7", needs: [.setupEdit]),
                    ProtectedRoute(.put, "/api/recipient-rules/ticket-opened", needs: [.setupEdit], body: "{}"),
                    ProtectedRoute(
                        .delete, "/api/recipient-rules/ticket-opened?activityTypeID=at-7", needs: [.setupEdit]),
                    ProtectedRoute(.get, "/recipients", needs: [.setupEdit]),
                    ProtectedRoute(.post, "/recipients", needs: [.setupEdit], body: "activityTypeID=at-7")
                ], client: client, context: service.context)
            #expect(findings == [])
        }
    }

    @Test func health_staysOpen() async throws {
        let service = try TestService()
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { client in
            let health = try await client.executeRequest(uri: "/health/live", method: .get, headers: [:], body: nil)
            #expect(health.status == .ok)
        }
    }
}
