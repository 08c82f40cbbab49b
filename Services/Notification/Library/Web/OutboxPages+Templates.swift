import Hummingbird
import NotificationDomain
import ServiceKit

extension OutboxPages {
    /// One choice of a select.
    struct Choice {
        /// The value sent.
        let value: String
        /// The words shown.
        let label: String
    }

    /// An activity type the editor offers.
    struct TypeChoice {
        /// The type's id, the value sent.
        let id: String
        /// "CODE — Name", or the id when intake sent no name.
        let label: String
    }

    /// `GET /templates`: the editor of the activity types' own templates, with a live preview
    /// (`template-editor.js` over `/api/templates`).
    @Sendable func templateEditor(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let t = renderer.strings.table(for: PageLanguage.of(request))
        let types = try await store.activityTypes()
        let model: [String: Any] = [
            "types": types.map {
                TypeChoice(id: $0.activityTypeID, label: $0.name.isEmpty ? $0.activityTypeID : $0.name)
            },
            "noTypes": types.isEmpty,
            "kinds": EmailKind.allCases.map {
                Choice(value: $0.rawValue, label: t["kind_\($0.rawValue)"] ?? $0.rawValue)
            },
            "variables": TemplateCheck.knownVariables.sorted().joined(separator: ", ")
        ]
        return try renderer.render(
            "page-templates", page: .init(titleKey: "templatesTitle", scripts: [assets.url("template-editor.js")]),
            model: model, request: request)
    }
}
