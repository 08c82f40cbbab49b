import Foundation
import Hummingbird
import ServiceKit

/// The JSON API of users (R1, R17), for administrators (`setup.edit`): list, read, create,
/// change, deactivate. Users are never deleted.
struct UserController: Sendable {
    /// Where users are read and changed.
    let users: UserDirectory

    /// The users' JSON API, for administrators.
    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api/users").add(middleware: RequirePermission(.setupEdit))
        // One page by username (limit 50 by default, at most 200).
        api.get { request, _ -> Response in
            let page = try PageRequest(request, defaultLimit: 50, maximum: 200)
            let found = try await users.users(search: request.uri.queryParameters.get("q"))
            return try JSONResponse.make(
                .ok, try ListSlice.page(found, page, width: 2) { [$0.username.lowercased(), $0.id] })
        }
        api.post { request, _ -> Response in
            let change = try await request.decodeJSON(
                as: UserChange.self, describedAs: Wording(it: "un utente in JSON", en: "a JSON user"))
            return try JSONResponse.make(.created, try await users.create(change))
        }
        api.get(":id") { _, context in try await users.user(id: try context.parameters.require("id")) }
        api.patch(":id") { request, context in
            let change = try await request.decodeJSON(
                as: UserChange.self,
                describedAs: Wording(it: "una modifica di un utente in JSON", en: "a JSON change of a user"))
            return try await users.update(
                id: try context.parameters.require("id"), change, by: context.identity?.user?.userID)
        }
        api.post(":id/deactivate") { _, context in
            try await users.deactivate(id: try context.parameters.require("id"), by: context.identity?.user?.userID)
        }
        api.delete(":id") { request, _ -> Response in
            throw HTTPError(
                .methodNotAllowed,
                message: Wording(
                    it: "Gli utenti non si eliminano mai; disattivali con POST /api/users/{id}/deactivate.",
                    en: "Users are never deleted; deactivate them with POST /api/users/{id}/deactivate."
                ).text(PageLanguage.of(request)))
        }
    }
}
