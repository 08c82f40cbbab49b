import Foundation
import Hummingbird
import ServiceKit

/// The JSON API of the setup data, under `/api/setup/<kind>` for every kind (groups, operators,
/// activity-states, practices, activity-types, sequences, customers):
///
/// - `GET /api/setup/<kind>?q=&active=true|false&limit=&cursor=` — list, searched and filtered,
///   one page `{"items": […], "nextCursor": "…"}` by id (limit 100 by default, at most 500);
/// - `POST /api/setup/<kind>` — create (201); `GET /api/setup/<kind>/{id}` — one;
/// - `PUT` or `PATCH /api/setup/<kind>/{id}` — update the fields the body names;
/// - `POST /api/setup/<kind>/{id}/deactivate` — retire (there is no delete).
///
/// 422 lists every problem by field, 409 a taken code or name, 404 an unknown id. All of it
/// needs the permission `setup.edit`.
struct SetupController: Sendable {
    /// Where setup data is read and changed.
    let store: SetupStore

    /// `/api/setup/<kind>` for every kind: list, get, create, update, deactivate, for `setup.edit`.
    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api/setup").add(middleware: RequirePermission(.setupEdit))
        register(GroupSetup.self, on: api)
        register(OperatorSetup.self, on: api)
        register(ActivityStateSetup.self, on: api)
        register(PracticeSetup.self, on: api)
        register(ActivityTypeSetup.self, on: api)
        register(SequenceSetup.self, on: api)
        register(CustomerSetupKind.self, on: api)
        register(MailingListSetup.self, on: api)
    }

    private func register<K: SetupKind>(_ kind: K.Type, on api: RouterGroup<ServiceRequestContext>) {
        let store = self.store
        api.get(RouterPath(K.path)) { request, _ -> Response in
            let query = request.uri.queryParameters
            let active = try Self.activeFilter(query.get("active"), language: PageLanguage.of(request))
            let page = try PageRequest(request, defaultLimit: 100, maximum: 500)
            let items = try await store.list(K.self, query: query.get("q"), active: active)
            return try JSONResponse.make(
                .ok,
                try ListSlice.page(items, page, width: 1) { [K.id(of: $0)] }
                    .mapItems { K.view($0, now: store.now) })
        }
        api.post(RouterPath(K.path)) { request, _ -> Response in
            let input = try await request.decodeJSON(as: K.Input.self, describedAs: "a JSON \(K.noun)")
            let item = try await store.create(K.self, input)
            return try JSONResponse.make(.created, K.view(item, now: store.now))
        }
        api.get(RouterPath("\(K.path)/:id")) { _, context -> Response in
            let item = try await store.item(K.self, id: try context.parameters.require("id"))
            return try JSONResponse.make(.ok, K.view(item, now: store.now))
        }
        let update: @Sendable (Request, ServiceRequestContext) async throws -> Response = { request, context in
            let id = try context.parameters.require("id")
            let input = try await request.decodeJSON(as: K.Input.self, describedAs: "a JSON \(K.noun)")
            let item = try await store.update(K.self, id: id, input)
            return try JSONResponse.make(.ok, K.view(item, now: store.now))
        }
        api.put(RouterPath("\(K.path)/:id"), use: update)
        api.patch(RouterPath("\(K.path)/:id"), use: update)
        api.post(RouterPath("\(K.path)/:id/deactivate")) { _, context -> Response in
            let item = try await store.deactivate(K.self, id: try context.parameters.require("id"))
            return try JSONResponse.make(.ok, K.view(item, now: store.now))
        }
    }

    /// `?active=` as a filter: absent or empty = all; refused in `language` when it is neither.
    static func activeFilter(_ text: String?, language: PageLanguage = .en) throws -> Bool? {
        switch text?.lowercased() {
        case nil, "": return nil
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        case let other?:
            throw HTTPError(
                .badRequest,
                message: Wording(
                    it: "active deve essere true o false, non '\(other)'.",
                    en: "active must be true or false, not '\(other)'."
                ).text(language))
        }
    }
}
