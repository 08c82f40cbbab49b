import Foundation
import Hummingbird
import ServiceKit

/// The API keys admin page (`setup.edit`): list, create (the secret is shown once), revoke.
struct APIKeyPages: Sendable {
    let keys: APIKeyDirectory
    let renderer: PageRenderer
    let format: LocalTimeFormat

    static func make(context: ServiceContext) throws -> APIKeyPages {
        APIKeyPages(keys: APIKeyDirectory(context: context),
                    renderer: try IntakePages.renderer(context: context, strings: AuthPageStrings.all),
                    format: LocalTimeFormat(timeZone: context.configuration.timeZone))
    }

    func addRoutes(to router: ServiceRouter) {
        let pages = router.group("api-keys").add(middleware: RequirePermission(.setupEdit))
        pages.get { request, context in try await page(request, context: context) }
        pages.post(use: create)
        pages.post(":id/revoke") { _, context -> Response in
            _ = try await keys.revoke(id: try context.parameters.require("id"))
            return Response(status: .seeOther, headers: [.location: "/api-keys"])
        }
    }

    struct Row {
        let id: String
        let name: String
        let permissions: String
        let created: String
        let revoked: String?
    }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Model {
        let rows: [Row]
        let permissions: [Option]
        let name: String
        let secret: String?
        let problems: [FieldProblem.Shown]
        let hasProblems: Bool
        let csrf: String
    }

    func page(
        _ request: Request, context: ServiceRequestContext, secret: String? = nil, name: String = "",
        chosen: Set<String> = [], problems: [FieldProblem] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = PageLanguage.of(request)
        let rows = try await keys.keys().map { key in
            Row(id: key.id, name: key.name, permissions: key.permissions.map { $0.label(in: language) }.joined(separator: ", "),
                created: format.date(key.createdAt) + " " + format.time(key.createdAt),
                revoked: key.revokedAt.map { format.date($0) + " " + format.time($0) })
        }
        let model = Model(
            rows: rows,
            permissions: Permission.allCases.map {
                Option(value: $0.rawValue, label: $0.label(in: language), selected: chosen.contains($0.rawValue))
            },
            name: name, secret: secret, problems: problems.map { $0.shown(language) }, hasProblems: !problems.isEmpty,
            csrf: context.identity?.csrfToken ?? "")
        return try renderer.render("api-keys", page: .init(titleKey: "apiKeysTitle"), model: model, request: request, status: status)
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let form = try await FormFields.read(request)
        let name = form["name"] ?? ""
        let chosen = form.values["permissions"] ?? []
        do {
            let created = try await keys.create(NewAPIKey(name: name, permissions: chosen))
            return try await page(request, context: context, secret: created.secret, status: .created)
        } catch let error as SetupError {
            return try await page(request, context: context, name: name, chosen: Set(chosen), problems: error.problems,
                                  status: error.status)
        }
    }
}
