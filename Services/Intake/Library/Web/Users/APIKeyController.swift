import Foundation
import Hummingbird
import ServiceKit

/// The JSON API of API keys, for administrators (`setup.edit`): list (with limits and last use),
/// create (the secret is in the answer, once), revoke (never delete).
struct APIKeyController: Sendable {
    /// Where keys are read, created and revoked.
    let keys: APIKeyDirectory

    /// The API keys' JSON API, for administrators.
    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api/api-keys").add(middleware: RequirePermission(.setupEdit))
        // One page, newest first (limit 50 by default, at most 200).
        api.get { request, _ -> Response in
            let page = try PageRequest(request, defaultLimit: 50, maximum: 200)
            return try JSONResponse.make(
                .ok,
                try ListSlice.page(try await keys.keys(), page, width: 2, descending: true) {
                    [APIJSON.format($0.createdAt), $0.id]
                })
        }
        api.post { request, _ -> Response in
            let body = try await request.decodeJSON(
                as: NewAPIKey.self,
                describedAs:
                    #"{"name": "…", "permissions": ["tickets.open"], "services": ["intake"], "expiresAt": "2027-01-01T00:00:00Z", "requestsPerMinute": 120}"#
            )
            return try JSONResponse.make(.created, try await keys.create(body))
        }
        api.post(":id/revoke") { _, context in try await keys.revoke(id: try context.parameters.require("id")) }
    }
}
