import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import BillingService
@testable import ServiceKit

/// Every billing route × a caller with and without the permissions that open it (R1, R17).
@Suite struct BillingPermissionTests {
    @Test func everyRoute_checksItsPermission() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { client in
            let findings = try await PermissionMatrix.findings(
                [
                    ProtectedRoute(.get, "/billing-documents/export.csv", needs: [.billingRead, .billingEdit]),
                    ProtectedRoute(.get, "/billing-documents/export.xlsx", needs: [.billingRead, .billingEdit]),
                    ProtectedRoute(.get, "/api/billing-documents", needs: [.billingRead, .billingEdit]),
                    ProtectedRoute(.get, "/api/billing-documents/doc-1", needs: [.billingRead, .billingEdit]),
                    ProtectedRoute(.patch, "/api/billing-documents/doc-1/lines/1", needs: [.billingEdit], body: "{}"),
                    ProtectedRoute(.post, "/api/billing-documents/doc-1/confirm", needs: [.billingEdit]),
                    ProtectedRoute(.post, "/api/billing-documents/doc-1/credit-note", needs: [.billingEdit]),
                    ProtectedRoute(
                        .post, "/api/billing-documents/export?from=2026-01-01&to=2026-01-31", needs: [.billingEdit]),
                    ProtectedRoute(.get, "/api/articles", needs: [.billingRead, .billingEdit]),
                    ProtectedRoute(.get, "/api/articles/FILTER-01", needs: [.billingRead, .billingEdit]),
                    ProtectedRoute(.post, "/api/articles", needs: [.billingEdit], body: "{}"),
                    ProtectedRoute(.put, "/api/articles/FILTER-01", needs: [.billingEdit], body: "{}"),
                    ProtectedRoute(.post, "/api/articles/import", needs: [.billingEdit], body: "code;description"),
                    ProtectedRoute(.post, "/api/articles/FILTER-01/deactivate", needs: [.billingEdit]),
                    ProtectedRoute(.delete, "/api/articles/NOPE", needs: [.billingEdit]),
                    ProtectedRoute(.get, "/articles", needs: [.billingRead, .billingEdit]),
                    ProtectedRoute(.get, "/", needs: [.billingRead, .billingEdit]),
                    ProtectedRoute(.get, "/api/boms/FILTER-01", needs: [.billingRead, .billingEdit, .stockEdit]),
                    ProtectedRoute(.put, "/api/boms/FILTER-01", needs: [.stockEdit], body: #"{"components":[]}"#),
                    ProtectedRoute(.get, "/api/production-orders", needs: [.billingRead, .billingEdit, .stockEdit]),
                    ProtectedRoute(.get, "/api/warehouses", needs: [.billingRead, .billingEdit, .stockEdit]),
                    ProtectedRoute(.get, "/api/stock", needs: [.billingRead, .billingEdit, .stockEdit]),
                    ProtectedRoute(.post, "/api/stock/receipts", needs: [.stockEdit], body: "{}"),
                    ProtectedRoute(.post, "/api/stock/transfers", needs: [.stockEdit], body: "{}"),
                    ProtectedRoute(.get, "/stock", needs: [.billingRead, .billingEdit, .stockEdit]),
                    ProtectedRoute(.get, "/mrp", needs: [.billingRead, .billingEdit, .stockEdit]),
                    ProtectedRoute(.get, "/api/mrp/runs/run-1", needs: [.billingRead, .billingEdit, .stockEdit]),
                    ProtectedRoute(.post, "/api/mrp/runs", needs: [.stockEdit]),
                    ProtectedRoute(.post, "/mrp/runs", needs: [.stockEdit]),
                    ProtectedRoute(.post, "/api/stock/expected-receipts", needs: [.stockEdit], body: "{}"),
                    ProtectedRoute(.post, "/stock/receipts", needs: [.stockEdit]),
                    ProtectedRoute(.post, "/stock/transfers", needs: [.stockEdit]),
                    ProtectedRoute(.get, "/documents", needs: [.billingRead, .billingEdit]),
                    ProtectedRoute(.get, "/documents/summary", needs: [.billingRead, .billingEdit]),
                    ProtectedRoute(.get, "/documents/doc-1", needs: [.billingRead, .billingEdit]),
                    ProtectedRoute(.get, "/documents/doc-1/print", needs: [.billingRead, .billingEdit]),
                    ProtectedRoute(.get, "/documents/doc-1/lines/1", needs: [.billingEdit]),
                    ProtectedRoute(.post, "/documents/doc-1/lines/1", needs: [.billingEdit]),
                    ProtectedRoute(.post, "/documents/doc-1/confirm", needs: [.billingEdit]),
                    ProtectedRoute(.post, "/documents/doc-1/credit-note", needs: [.billingEdit]),
                    ProtectedRoute(.get, "/articles/new", needs: [.billingEdit]),
                    ProtectedRoute(.get, "/articles/FILTER-01", needs: [.billingEdit]),
                    ProtectedRoute(.post, "/articles", needs: [.billingEdit]),
                    ProtectedRoute(.post, "/articles/FILTER-01", needs: [.billingEdit]),
                    ProtectedRoute(.post, "/articles/FILTER-01/deactivate", needs: [.billingEdit]),
                    ProtectedRoute(.post, "/articles/NOPE/delete", needs: [.billingEdit]),
                    ProtectedRoute(.post, "/articles/import", needs: [.billingEdit]),
                    ProtectedRoute(.get, "/api/price-rules", needs: [.billingRead, .billingEdit]),
                    ProtectedRoute(.put, "/api/price-rules/warranty", needs: [.billingEdit], body: "{}"),
                    ProtectedRoute(.get, "/settings/price-rules", needs: [.billingRead, .billingEdit]),
                    ProtectedRoute(.post, "/settings/price-rules", needs: [.billingEdit]),
                    ProtectedRoute(.get, "/articles/FILTER-01/bom", needs: [.billingRead, .billingEdit, .stockEdit]),
                    ProtectedRoute(.post, "/articles/FILTER-01/bom", needs: [.stockEdit])
                ], client: client, context: service.context)
            #expect(findings == [])
        }
    }
}
