public import AriannaWording
public import Foundation
public import Hummingbird
public import Mustache

/// Renders a service's pages inside the one shared layout (header, navigation bar linking the
/// five services, language switcher, main slot), in the user's language.
///
/// A service builds one renderer at start-up with its own templates and strings, then answers a
/// page request with `render(_:page:model:request:)`. The page template is rendered first with
/// `t` (the strings in the user's language), `lang` and `page` (the service's model), and its
/// HTML goes into the layout's main slot. Mustache escapes every `{{value}}`, so data from users
/// cannot inject markup.
public struct PageRenderer: Sendable {
    /// What a page adds to the layout.
    public struct Page: Sendable {
        /// Key of the page title in the strings (shown in the tab and as the layout's heading).
        public var titleKey: String
        /// Stylesheet URLs after the shared one (use `StaticAssets.url`).
        public var stylesheets: [String]
        /// Script URLs, loaded with `defer`.
        public var scripts: [String]

        /// Describes a page; the layout supplies everything else.
        public init(titleKey: String, stylesheets: [String] = [], scripts: [String] = []) {
            self.titleKey = titleKey
            self.stylesheets = stylesheets
            self.scripts = scripts
        }
    }

    /// Why the renderer could not be built.
    public enum Problem: Error, CustomStringConvertible {
        /// ServiceKit's resource bundle lacks the layout.
        case missingLayout
        /// A page asked for a template the service did not ship.
        case missingTemplate(String)

        /// A sentence for the start-up log or a test failure.
        public var description: String {
            switch self {
            case .missingLayout: "the shared page layout is missing from ServiceKit's resources"
            case .missingTemplate(let name): "there is no page template named '\(name)'"
            }
        }
    }

    /// The name the layout is registered under in the library.
    static let layoutName = "arianna-layout"

    /// The service whose pages these are (marks the current entry in the navigation bar).
    public let serviceName: String
    /// The layout's words merged with the service's.
    public let strings: PageStrings
    /// The shared stylesheet and the layout's routes.
    public let kitAssets: StaticAssets
    /// The service's templates plus the layout.
    let library: MustacheLibrary
    /// The bar linking the five services.
    let navigation: PageNavigation

    /// - Parameters:
    ///   - templates: the service's page templates (see `loadTemplates(bundle:subdirectory:)`).
    ///   - strings: the service's words; merged over the layout's.
    public init(
        serviceName: String, templates: MustacheLibrary, strings: PageStrings,
        navigation: PageNavigation = .fromEnvironment()
    ) throws {
        guard
            let layoutURL = Bundle.module.url(forResource: "layout", withExtension: "mustache", subdirectory: "Assets")
        else { throw Problem.missingLayout }
        var library = templates
        try library.register(String(contentsOf: layoutURL, encoding: .utf8), named: Self.layoutName)
        if let problemURL = Bundle.module.url(
            forResource: "page-problem", withExtension: "mustache", subdirectory: "Assets")
        {
            try library.register(String(contentsOf: problemURL, encoding: .utf8), named: Self.problemName)
        }
        self.serviceName = serviceName
        self.library = library
        self.strings = PageStrings.layout.merging(strings)
        self.navigation = navigation
        self.kitAssets = try StaticAssets(bundle: .module, subdirectory: "Assets", urlPrefix: "/assets/kit")
    }

    /// Every `*.mustache` file in `subdirectory` of a service's resource bundle, named without
    /// the extension (`board.mustache` → `board`).
    public static func loadTemplates(bundle: Bundle, subdirectory: String) throws -> MustacheLibrary {
        guard let folder = bundle.url(forResource: subdirectory, withExtension: nil) else {
            throw StaticAssets.Problem.missingFolder(subdirectory)
        }
        var library = MustacheLibrary()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        return library
    }

    /// The layout's own routes: the shared stylesheet and `GET /lang/:code?back=<path>`, which
    /// sets the language cookie and returns to the page. Every service with pages adds them.
    public func addSharedRoutes(to router: ServiceRouter) {
        kitAssets.addRoutes(to: router)
        router.get("/lang/:code") { request, context -> Response in
            let code = try context.parameters.require("code")
            guard let language = PageLanguage(rawValue: code) else {
                throw HTTPError(.notFound, message: "There is no language '\(code)'.")
            }
            var response = Response(
                status: .seeOther,
                headers: [.location: Self.safeReturnPath(request.uri.queryParameters.get("back"))])
            response.setCookie(
                Cookie(
                    name: PageLanguage.cookieName, value: language.rawValue, maxAge: 400 * 24 * 3600, path: "/",
                    httpOnly: false, sameSite: .lax))
            return response
        }
    }

    /// Only a local path may be a return address; anything else (`//evil.example`, a full URL)
    /// becomes `/`, so the language switch cannot be used as an open redirect.
    static func safeReturnPath(_ back: String?) -> String {
        guard let back, back.hasPrefix("/"), !back.hasPrefix("//"), !back.contains("\\"),
            !back.contains(where: { $0.isNewline })
        else { return "/" }
        return back
    }

    /// Renders `template` with `model` inside the layout, in the language of `request`.
    public func render(
        _ template: String, page: Page, model: Any, request: Request, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let identity = RequestIdentity.current
        let language = PageLanguage.of(request, identity: identity)
        let html = try renderHTML(
            template, page: page, model: model, language: language, currentPath: Self.currentPath(of: request),
            identity: identity, loginNext: RequirePermission.absoluteURL(of: request))
        return Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .contentLanguage: language.rawValue,
                .cacheControl: "no-store", .vary: "Cookie, Accept-Language"
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The page as a string, for tests and benchmarks that do not go through HTTP. With a user
    /// `identity` the header shows their name, a logout button and the CSRF `<meta>`; without
    /// one, a link to intake's login page returning to `loginNext` (default: `currentPath`).
    public func renderHTML(
        _ template: String, page: Page, model: Any, language: PageLanguage, currentPath: String,
        identity: RequestIdentity? = nil, loginNext: String? = nil
    ) throws -> String {
        let main = try renderBody(template, model: model, language: language)
        let table = strings.table(for: language)
        let layout = LayoutContext(
            lang: language.rawValue,
            title: table[page.titleKey] ?? page.titleKey,
            t: table,
            nav: navigation.entries.map { entry in
                LayoutContext.Link(
                    label: table[entry.labelKey] ?? entry.labelKey,
                    href: navigation.href(of: entry, from: serviceName),
                    current: entry.service == serviceName)
            },
            languages: PageLanguage.allCases.map { option in
                LayoutContext.Link(
                    label: table["language\(option.rawValue.capitalized)"] ?? option.rawValue,
                    href: "/lang/\(option.rawValue)?back=\(Self.queryEscaped(currentPath))",
                    current: option == language, code: option.rawValue)
            },
            stylesheets: [kitAssets.url("arianna.css")] + page.stylesheets,
            scripts: page.scripts,
            main: main,
            user: identity?.user.map { claims in
                LayoutContext.User(
                    name: claims.displayName, csrf: identity?.csrfToken ?? "", logoutURL: intakeBaseURL + "/logout")
            },
            loginURL: intakeBaseURL + "/login?next=" + RequirePermission.queryEscaped(loginNext ?? currentPath))
        return library.render(layout, withTemplate: Self.layoutName) ?? ""
    }

    /// What `template` puts in the layout's main slot, without the layout: for a script that
    /// fetches a fresh copy of part of its page and swaps it in (the planner's board after a live
    /// update), so that part's markup is written once, in the template.
    public func renderBody(_ template: String, model: Any, language: PageLanguage) throws -> String {
        guard library.getTemplate(named: template) != nil else { throw Problem.missingTemplate(template) }
        let context = BodyContext(t: strings.table(for: language), lang: language.rawValue, page: model)
        return library.render(context, withTemplate: template) ?? ""
    }

    /// Intake's base URL as the navigation bar knows it; empty on intake's own pages.
    var intakeBaseURL: String {
        guard serviceName != "intake", let entry = navigation.entries.first(where: { $0.service == "intake" })
        else { return "" }
        return entry.baseURL
    }

    /// Path and query of `request`: where the language switch returns to.
    static func currentPath(of request: Request) -> String {
        let query = request.uri.query.map { "?\($0)" } ?? ""
        return request.uri.path + query
    }

    /// Escapes a path for use as one query value.
    static func queryEscaped(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=?+#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }

    /// What a page template sees: its strings, its language, its model.
    struct BodyContext {
        /// The strings in the user's language (`{{t.key}}`).
        let t: [String: String]
        /// The language code (`it`, `en`).
        let lang: String
        /// The service's own model of the page.
        let page: Any
    }

    /// What the layout template sees.
    struct LayoutContext {
        /// A link in the navigation bar or the language switcher.
        struct Link {
            /// The words shown.
            let label: String
            /// Where the link goes.
            let href: String
            /// Whether it is the page or language being shown (`aria-current`).
            let current: Bool
            /// The language code, for the language switcher's links.
            var code: String = ""
        }
        /// The language code for `<html lang>`.
        let lang: String
        /// The page's title in the user's language.
        let title: String
        /// The layout's strings in the user's language.
        let t: [String: String]
        /// The five services' links.
        let nav: [Link]
        /// One link per page language.
        let languages: [Link]
        /// The shared stylesheet, then the page's.
        let stylesheets: [String]
        /// The page's scripts, loaded with `defer`.
        let scripts: [String]
        /// The page's own HTML, already rendered.
        let main: String
        /// The logged-in user, nil when anonymous.
        struct User {
            /// The name shown in the header.
            let name: String
            /// The CSRF token the logout form and the page's scripts send.
            let csrf: String
            /// Intake's logout, where the header's button posts.
            let logoutURL: String
        }
        /// Who is logged in; nil shows the login link.
        let user: User?
        /// Intake's login page, returning to this page.
        let loginURL: String
    }
}
