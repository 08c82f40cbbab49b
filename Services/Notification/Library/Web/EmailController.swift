import Hummingbird
import ServiceKit

/// The JSON API of the delivery log: what was emailed to whom, and what is still waiting.
struct EmailController {
    let store: NotificationStore

    func addRoutes(to router: ServiceRouter) {
        // The delivery log shows customers' addresses and messages: people who read tickets may see it.
        let api = router.group("api").add(middleware: RequirePermission(.ticketsRead))
        api.get("emails", use: list)
        api.get("emails/:id", use: show)
    }

    /// `GET /api/emails`: newest first.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> [EmailSummary] {
        try await store.emails()
    }

    /// `GET /api/emails/{id}`: one email with its rendered body; 404 if unknown.
    @Sendable func show(_ request: Request, context: ServiceRequestContext) async throws -> EmailDetail {
        let id = try context.parameters.require("id")
        do {
            return try await store.email(id: id)
        } catch let error as NotificationError {
            throw error.httpError
        }
    }
}

extension NotificationError {
    /// The HTTP answer for each refusal.
    var httpError: HTTPError {
        switch self {
        case .emailNotFound:
            HTTPError(.notFound, message: description)
        }
    }
}
