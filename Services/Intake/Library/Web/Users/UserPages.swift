import Foundation
import Hummingbird
import IntakeDomain
import ServiceKit

/// The users admin pages (`setup.edit`): the list with search, the new-user and edit forms with
/// permissions, practices, operator, language and active flag.
struct UserPages: Sendable {
    /// Where users are read and changed.
    let users: UserDirectory
    /// Renders the pages in the shared layout.
    let renderer: PageRenderer

    /// The pages of a running service.
    static func make(context: ServiceContext) throws -> UserPages {
        UserPages(
            users: UserDirectory(context: context),
            renderer: try IntakePages.renderer(context: context, strings: AuthPageStrings.all))
    }

    /// `/users`: the list, the form of a new or existing user, saving and deactivating, for
    /// administrators.
    func addRoutes(to router: ServiceRouter) {
        let pages = router.group("users").add(middleware: RequirePermission(.setupEdit))
        pages.get(use: list)
        pages.get("new") { request, context in
            try await form(request, context: context, user: nil, values: .empty, problems: [])
        }
        pages.post(use: create)
        pages.get(":id") { request, context in
            let user = try await users.user(id: try context.parameters.require("id"))
            return try await form(request, context: context, user: user, values: .init(user), problems: [])
        }
        pages.post(":id", use: save)
        pages.post(":id/deactivate") { request, context -> Response in
            let id = try context.parameters.require("id")
            do {
                _ = try await users.deactivate(id: id, by: context.identity?.user?.userID)
            } catch let error as SetupError {
                let user = try await users.user(id: id)
                return try await form(
                    request, context: context, user: user, values: .init(user), problems: error.problems,
                    status: error.status)
            }
            return Response(status: .seeOther, headers: [.location: "/users/\(id)?saved=1"])
        }
    }

    /// One user as the list shows them, with their operator and permissions.
    struct Row {
        /// The user's id, for the link to their form.
        let id: String
        /// The login name.
        let username: String
        /// The operator the user is, if any.
        let operatorName: String
        /// The user's permissions, listed.
        let permissions: String
        /// Whether the user may log in.
        let active: Bool
    }

    /// What the users list's template shows: the search and the users found.
    struct ListModel {
        /// The search typed so far.
        let q: String
        /// The users found.
        let rows: [Row]
        /// The CSRF token of the page's forms.
        let csrf: String
    }

    /// `GET /users`: the users whose name or operator matches the search.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let q = request.uri.queryParameters.get("q") ?? ""
        let language = PageLanguage.of(request)
        let rows = try await users.users(search: q).map { user in
            Row(
                id: user.id, username: user.username, operatorName: user.operatorName ?? "",
                permissions: user.permissions.map { $0.label(in: language) }.joined(separator: ", "),
                active: user.active)
        }
        return try renderer.render(
            "users", page: .init(titleKey: "usersTitle"),
            model: ListModel(q: q, rows: rows, csrf: context.identity?.csrfToken ?? ""), request: request)
    }

    /// What the form shows: the submitted values after a refusal, the stored ones otherwise.
    struct Values: Sendable {
        /// The login name.
        var username = ""
        /// The operator chosen; empty: none.
        var operatorID = ""
        /// The permissions ticked.
        var permissions: Set<String> = []
        /// The practices ticked.
        var practiceIDs: Set<String> = []
        /// The language chosen; empty: the browser's.
        var language = ""
        /// Whether the user may log in.
        var active = true

        /// The values of a new user's empty form.
        static let empty = Values()

        /// The values of an empty form.
        init() {}

        /// The values of a stored user.
        init(_ user: UserView) {
            username = user.username
            operatorID = user.operatorID ?? ""
            permissions = Set(user.permissions.map(\.rawValue))
            practiceIDs = Set(user.practiceIDs)
            language = user.language?.rawValue ?? ""
            active = user.active
        }

        /// The values a form sent.
        init(_ form: FormFields) {
            username = form["username"] ?? ""
            operatorID = form["operatorID"] ?? ""
            permissions = Set(form.values["permissions"] ?? [])
            practiceIDs = Set(form.values["practiceIDs"] ?? [])
            language = form["language"] ?? ""
            active = form["active"] != nil
        }
    }

    /// An operator, practice, permission or language the user form offers, marked when chosen.
    struct Option {
        /// The value sent when ticked or chosen.
        let value: String
        /// What the option shows.
        let label: String
        /// Whether it is ticked or chosen.
        let selected: Bool
    }

    /// What the user form's template shows: a new or existing user, the choices and the problems of
    /// the last try.
    struct FormModel {
        /// Whether the form creates a user.
        let isNew: Bool
        /// Where the form posts.
        let action: String
        /// The user's id; empty for a new user.
        let id: String
        /// The login name shown.
        let username: String
        /// Whether the user may log in.
        let active: Bool
        /// The operators the user may be linked to.
        let operators: [Option]
        /// Every permission, ticked when granted.
        let permissions: [Option]
        /// The practices the user may be limited to.
        let practices: [Option]
        /// Whether there are practices to choose from.
        let hasPractices: Bool
        /// The page languages, and "the browser's".
        let languages: [Option]
        /// What is wrong with the last try, each naming its field.
        let problems: [FieldProblem.Shown]
        /// Whether there is anything in `problems`.
        let hasProblems: Bool
        /// Whether the last save succeeded (a notice is shown).
        let saved: Bool
        /// The CSRF token of the page's forms.
        let csrf: String
    }

    /// Renders the user form with `values` and the `problems` of the last try.
    func form(
        _ request: Request, context: ServiceRequestContext, user: UserView?, values: Values, problems: [FieldProblem],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = PageLanguage.of(request)
        let t = renderer.strings.table(for: language)
        let choices = try await users.choices()
        let model = FormModel(
            isNew: user == nil, action: user.map { "/users/\($0.id)" } ?? "/users", id: user?.id ?? "",
            username: values.username, active: values.active,
            operators: [Option(value: "", label: t["noOperator"] ?? "", selected: values.operatorID.isEmpty)]
                + choices.operators.map { Option(value: $0.id, label: $0.name, selected: $0.id == values.operatorID) },
            permissions: Permission.allCases.map {
                Option(
                    value: $0.rawValue, label: $0.label(in: language),
                    selected: values.permissions.contains($0.rawValue))
            },
            practices: choices.practices.map {
                Option(value: $0.id, label: $0.name, selected: values.practiceIDs.contains($0.id))
            },
            hasPractices: !choices.practices.isEmpty,
            languages: [Option(value: "", label: t["languageBrowser"] ?? "", selected: values.language.isEmpty)]
                + PageLanguage.allCases.map {
                    Option(
                        value: $0.rawValue, label: t["language\($0.rawValue.capitalized)"] ?? $0.rawValue,
                        selected: $0.rawValue == values.language)
                },
            problems: problems.map { $0.shown(language) }, hasProblems: !problems.isEmpty,
            saved: request.uri.queryParameters.get("saved") != nil, csrf: context.identity?.csrfToken ?? "")
        return try renderer.render(
            "users-form", page: .init(titleKey: user == nil ? "newUser" : "editUser"), model: model, request: request,
            status: status)
    }

    /// `POST /users`: creates a user, or shows the form again with every problem.
    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let form = try await FormFields.read(request)
        let values = Values(form)
        do {
            let user = try await users.create(change(from: form, values: values, creating: true))
            return Response(status: .seeOther, headers: [.location: "/users/\(user.id)?saved=1"])
        } catch let error as SetupError {
            return try await self.form(
                request, context: context, user: nil, values: values, problems: error.problems,
                status: error.status)
        }
    }

    /// `POST /users/{id}`: saves the user's changes, or shows the form again with every problem.
    @Sendable func save(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await FormFields.read(request)
        let values = Values(form)
        let current = try await users.user(id: id)
        do {
            _ = try await users.update(
                id: id, change(from: form, values: values, creating: false), by: context.identity?.user?.userID)
            return Response(status: .seeOther, headers: [.location: "/users/\(id)?saved=1"])
        } catch let error as SetupError {
            return try await self.form(
                request, context: context, user: current, values: values, problems: error.problems,
                status: error.status)
        }
    }

    /// A form post as a change; an empty password on the edit form keeps the old one.
    func change(from form: FormFields, values: Values, creating: Bool) -> UserChange {
        let password = form.values["password"]?.first ?? ""
        return UserChange(
            username: values.username, password: password.isEmpty && !creating ? nil : password,
            operatorID: values.operatorID, permissions: values.permissions.sorted(),
            practiceIDs: values.practiceIDs.sorted(),
            language: values.language, active: creating ? true : values.active)
    }
}
