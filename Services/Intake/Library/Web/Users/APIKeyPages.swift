import Foundation
import Hummingbird
import IntakeDomain
import ServiceKit

/// The API keys admin page (`setup.edit`): list with limits and last use, create (the secret is
/// shown once) with services, permissions, expiry and a rate limit, revoke.
struct APIKeyPages: Sendable {
    /// Where keys are read, created and revoked.
    let keys: APIKeyDirectory
    /// Renders the page in the shared layout.
    let renderer: PageRenderer
    /// Shows instants in the company's time zone and the user's language.
    let format: LocalTimeFormat

    /// The page of a running service.
    static func make(context: ServiceContext) throws -> APIKeyPages {
        APIKeyPages(
            keys: APIKeyDirectory(context: context),
            renderer: try IntakePages.renderer(context: context, strings: AuthPageStrings.all),
            format: LocalTimeFormat(timeZone: context.configuration.timeZone))
    }

    /// `/api-keys`: the list, creation and revocation, for administrators.
    func addRoutes(to router: ServiceRouter) {
        let pages = router.group("api-keys").add(middleware: RequirePermission(.setupEdit))
        pages.get { request, context in try await page(request, context: context) }
        pages.post(use: create)
        pages.post(":id/revoke") { _, context -> Response in
            _ = try await keys.revoke(id: try context.parameters.require("id"))
            return Response(status: .seeOther, headers: [.location: "/api-keys"])
        }
    }

    /// One API key as the list shows it (never its secret).
    struct Row {
        /// The key's id, named by the revoke button.
        let id: String
        /// Who or what uses the key.
        let name: String
        /// The key's permissions, listed.
        let permissions: String
        /// Its services, expiry and rate, in words.
        let limits: String
        /// The latest use and the service it was on; nil: never used.
        let lastUse: String?
        /// When it was created, in local time.
        let created: String
        /// When it was revoked; nil while it works.
        let revoked: String?
    }

    /// A permission or a service the key form offers as a checkbox.
    struct Option {
        /// The value sent when ticked.
        let value: String
        /// What the option shows.
        let label: String
        /// Whether it is ticked.
        let selected: Bool
    }

    /// What the form holds, kept when it is shown again with its problems.
    struct Draft {
        /// The key's name as typed.
        var name = ""
        /// The permissions ticked.
        var permissions: Set<String> = []
        /// The services ticked; none: all five.
        var services: Set<String> = []
        /// The last day the key works, as typed.
        var expiresOn = ""
        /// The rate limit as typed.
        var requestsPerMinute = ""
    }

    /// What the API keys page's template shows: the keys, the creation form and, once, a new key's
    /// secret.
    struct Model {
        /// Every key, newest first.
        let rows: [Row]
        /// Every permission, ticked in the draft.
        let permissions: [Option]
        /// The five services, ticked in the draft.
        let services: [Option]
        /// The creation form's values after a refusal.
        let draft: Draft
        /// A new key's secret, shown this once.
        let secret: String?
        /// What is wrong with the last try, each naming its field.
        let problems: [FieldProblem.Shown]
        /// Whether there is anything in `problems`.
        let hasProblems: Bool
        /// The CSRF token of the page's forms.
        let csrf: String
    }

    /// Renders the API keys page, with a new key's secret or the problems of the last try.
    func page(
        _ request: Request, context: ServiceRequestContext, secret: String? = nil, draft: Draft = Draft(),
        problems: [FieldProblem] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = PageLanguage.of(request)
        let rows = try await keys.keys().map { key in
            Row(
                id: key.id, name: key.name,
                permissions: key.permissions.map { $0.label(in: language) }.joined(separator: ", "),
                limits: limits(of: key, language: language),
                lastUse: key.lastUse.map { "\(stamp($0.at)) (\($0.service))" },
                created: stamp(key.createdAt), revoked: key.revokedAt.map(stamp))
        }
        let model = Model(
            rows: rows,
            permissions: Permission.allCases.map {
                Option(
                    value: $0.rawValue, label: $0.label(in: language), selected: draft.permissions.contains($0.rawValue)
                )
            },
            services: NewAPIKey.serviceNames.map {
                Option(value: $0, label: $0, selected: draft.services.contains($0))
            },
            draft: draft, secret: secret, problems: problems.map { $0.shown(language) }, hasProblems: !problems.isEmpty,
            csrf: context.identity?.csrfToken ?? "")
        return try renderer.render(
            "api-keys", page: .init(titleKey: "apiKeysTitle"), model: model, request: request, status: status)
    }

    /// An instant in local time, as the list shows it.
    func stamp(_ date: Date) -> String {
        format.date(date) + " " + format.time(date)
    }

    /// "intake, planner · until 31/12/2026 23:59 · 120/min", or "no limits".
    func limits(of key: APIKeyView, language: PageLanguage) -> String {
        var parts: [String] = []
        parts.append(
            key.services.isEmpty
                ? Wording(it: "tutti i servizi", en: "every service").text(language)
                : key.services.joined(separator: ", "))
        if let expiresAt = key.expiresAt {
            parts.append(Wording(it: "scade \(stamp(expiresAt))", en: "expires \(stamp(expiresAt))").text(language))
        }
        if let rate = key.requestsPerMinute {
            parts.append(Wording(it: "\(rate) richieste/min", en: "\(rate) requests/min").text(language))
        }
        return parts.joined(separator: " · ")
    }

    /// `POST /api-keys`: creates a key and shows its secret once, or the form again with every
    /// problem.
    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let form = try await FormFields.read(request)
        let draft = Draft(
            name: form["name"] ?? "", permissions: Set(form.values["permissions"] ?? []),
            services: Set(form.values["services"] ?? []), expiresOn: form["expiresOn"] ?? "",
            requestsPerMinute: form["requestsPerMinute"] ?? "")
        var problems: [FieldProblem] = []
        var expiresAt: Date?
        if !draft.expiresOn.isEmpty {
            expiresAt = endOfDay(draft.expiresOn)
            if expiresAt == nil {
                problems.append(
                    .init(
                        field: "expiresAt",
                        Wording(
                            it: "La scadenza deve essere una data come 2027-01-31.",
                            en: "The expiry must be a date such as 2027-01-31.")))
            }
        }
        var rate: Int?
        if !draft.requestsPerMinute.isEmpty {
            rate = Int(draft.requestsPerMinute)
            if rate == nil {
                problems.append(
                    .init(
                        field: "requestsPerMinute",
                        Wording(
                            it: "Il limite deve essere un numero intero di richieste al minuto.",
                            en: "The limit must be a whole number of requests per minute.")))
            }
        }
        let change = NewAPIKey(
            name: draft.name, permissions: (form.values["permissions"] ?? []), services: draft.services.sorted(),
            expiresAt: expiresAt, requestsPerMinute: rate)
        do {
            if !problems.isEmpty { throw SetupError.invalid(problems + change.problems(now: keys.clock.now())) }
            let created = try await keys.create(change)
            return try await page(request, context: context, secret: created.secret, status: .created)
        } catch let error as SetupError {
            return try await page(
                request, context: context, draft: draft, problems: error.problems, status: error.status)
        }
    }

    /// The first instant after `text`'s day (`yyyy-MM-dd`) in the company's time zone: a key
    /// "valid until 31/12" works through the whole of that day.
    func endOfDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = format.timeZone
        guard let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            calendar.component(.day, from: day) == parts[2]
        else { return nil }
        return calendar.date(byAdding: .day, value: 1, to: day)
    }
}
