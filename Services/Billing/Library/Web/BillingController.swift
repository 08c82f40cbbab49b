import Hummingbird
import ServiceKit

/// The JSON API of billing documents.
struct BillingController {
    let store: BillingStore

    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api").add(middleware: RequirePermission(.billingRead))
        api.get("billing-documents", use: list)
        api.get("billing-documents/:id", use: show)
    }

    /// `GET /api/billing-documents[?ticketID=…]`: newest first.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> [BillingDocumentSummary] {
        let ticketID = request.uri.queryParameters.get("ticketID").flatMap { $0.isEmpty ? nil : $0 }
        return try await store.documents(ticketID: ticketID)
    }

    /// `GET /api/billing-documents/{id}`: the document with its lines; 404 if unknown.
    @Sendable func show(_ request: Request, context: ServiceRequestContext) async throws -> BillingDocumentView {
        let id = try context.parameters.require("id")
        return try await store.document(id: id)
    }
}
