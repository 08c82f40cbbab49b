import Hummingbird
import NotificationDomain
import ServiceKit

/// The JSON API of the delivery log: what was emailed to whom, and what is still waiting.
struct EmailController {
    /// Where the delivery log is read.
    let store: NotificationStore

    /// Adds the delivery log's routes, behind `tickets.read`.
    func addRoutes(to router: ServiceRouter) {
        // The delivery log shows customers' addresses and messages: people who read tickets may see it.
        let api = router.group("api").add(middleware: RequirePermission(.ticketsRead))
        api.get("emails", use: list)
        api.get("emails/:id", use: show)
    }

    /// `GET /api/emails?limit=&cursor=&state=&q=`: newest first, one page
    /// (`{"items": […], "nextCursor": "…"}`, at most 200 a page, 50 by default), only the emails
    /// the caller's practices may see (R4), as the by-id routes; a bad limit or cursor is a 400 in
    /// the caller's language.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try PageRequest(request, defaultLimit: 50, maximum: 200)
        let state = request.uri.queryParameters.get("state").flatMap(NotificationStore.OutboxState.init(rawValue:))
        let jobs = try await store.outbox(
            state: state, query: request.uri.queryParameters.get("q"), visibleTo: context.identity.visiblePracticeIDs,
            page: page)
        return try JSONResponse.make(.ok, Page(items: jobs.items.map(EmailSummary.init), nextCursor: jobs.nextCursor))
    }

    /// `GET /api/emails/{id}`: one email with its rendered body; 404 if unknown or about a ticket
    /// of a practice the caller does not see (R4), in English unless the caller asks otherwise.
    @Sendable func show(_ request: Request, context: ServiceRequestContext) async throws -> EmailDetail {
        let id = try context.parameters.require("id")
        return try await NotificationErrorMapping.mapped(request, unasked: .en) {
            guard try await store.mayShow(email: id, to: context.identity.visiblePracticeIDs),
                let job = try await store.job(id: id)
            else {
                throw NotificationError.emailNotFound(id)
            }
            return EmailDetail(job)
        }
    }
}

extension Optional where Wrapped == RequestIdentity {
    /// The practices whose tickets' emails the caller sees (R4): a user's own; nil — every
    /// practice — for a user with none set (an administrator) and for API keys.
    var visiblePracticeIDs: [String]? {
        guard let practices = self?.user?.practiceIDs, !practices.isEmpty else { return nil }
        return practices
    }
}
