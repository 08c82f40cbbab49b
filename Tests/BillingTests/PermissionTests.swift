import Hummingbird
import HummingbirdTesting
import Testing
import ServiceTestSupport
@testable import BillingService
@testable import ServiceKit

/// Every billing route × a caller with and without `billing.read` (R1, R17).
@Suite struct BillingPermissionTests {
    @Test func everyRoute_checksItsPermission() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { client in
            let findings = try await PermissionMatrix.findings([
                ProtectedRoute(.get, "/api/billing-documents", needs: [.billingRead]),
                ProtectedRoute(.get, "/api/billing-documents/doc-1", needs: [.billingRead]),
                ProtectedRoute(.get, "/api/articles", needs: [.billingRead]),
                ProtectedRoute(.get, "/billing-documents/export.csv", needs: [.billingRead]),
                ProtectedRoute(.get, "/billing-documents/export.xlsx", needs: [.billingRead]),
            ], client: client, context: service.context)
            #expect(findings == [])
        }
    }
}
