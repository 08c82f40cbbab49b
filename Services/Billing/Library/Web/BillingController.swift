import Hummingbird
import ServiceKit

/// The JSON API of billing: the draft documents and the article catalogue.
struct BillingController {
    let store: BillingStore

    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api").add(middleware: RequirePermission(.billingRead))
        api.get("billing-documents", use: list)
        api.get("billing-documents/:id", use: show)
        api.get("articles", use: articles)
    }

    /// `GET /api/billing-documents[?ticketID=…]`: newest first.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> [BillingDocumentSummary] {
        let ticketID = request.uri.queryParameters.get("ticketID").flatMap { $0.isEmpty ? nil : $0 }
        return try await store.documents(ticketID: ticketID)
    }

    /// `GET /api/billing-documents/{id}`: the document with its lines; 404 if unknown.
    @Sendable func show(_ request: Request, context: ServiceRequestContext) async throws -> BillingDocumentView {
        let id = try context.parameters.require("id")
        do {
            return try await store.document(id: id)
        } catch let error as BillingError {
            throw error.httpError
        }
    }

    /// `GET /api/articles`: the catalogue with prices in cents.
    @Sendable func articles(_ request: Request, context: ServiceRequestContext) async throws -> [ArticleRecord] {
        try await store.articles()
    }
}

extension BillingError {
    /// The HTTP answer for each refusal.
    var httpError: HTTPError {
        switch self {
        case .documentNotFound:
            HTTPError(.notFound, message: description)
        }
    }
}

extension ArticleRecord: ResponseEncodable {}
