import AriannaWording
import Foundation
public import Hummingbird

/// Guards routes with a permission. Put it on a router group:
///
///     let api = router.group("api").add(middleware: RequirePermission(.ticketsRead))
///
/// - no identity: a page request (GET/HEAD accepting `text/html`) is redirected (303) to
///   intake's login page with `next` = the page's absolute URL; anything else gets 401 JSON;
/// - an identity without the permission: 403, as a page in the user's language or as JSON.
///
/// Several `RequirePermission`s on one route all apply; `RequirePermission(anyOf:)` accepts any
/// one of several permissions.
public struct RequirePermission: RouterMiddleware {
    /// The one request context of every service, which carries the identity to check.
    public typealias Context = ServiceRequestContext

    /// The route is allowed when the identity has at least one of these.
    public let permissions: Set<Permission>

    /// Requires `permission`.
    public init(_ permission: Permission) {
        self.permissions = [permission]
    }

    /// Requires at least one of `permissions`.
    public init(anyOf permissions: Set<Permission>) {
        self.permissions = permissions
    }

    /// Lets the request through when the identity has one of ``permissions``; otherwise answers
    /// the login redirect, 401 or 403 described on the type.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let identity = context.identity else {
            if Self.isPageRequest(request) {
                return Response(
                    status: .seeOther,
                    headers: [
                        .location: context.loginURL + "?next=" + Self.queryEscaped(Self.absoluteURL(of: request)),
                        .cacheControl: "no-store"
                    ])
            }
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer"],
                message: "Log in first: send the arianna_session cookie, a bearer session token or an API key.")
        }
        guard !permissions.isDisjoint(with: identity.permissions) else {
            let needed = permissions.sorted()
            if Self.isPageRequest(request) {
                return ForbiddenPage.response(needed: needed, identity: identity, request: request)
            }
            let names = needed.map(\.rawValue).joined(separator: " or ")
            throw HTTPError(
                .forbidden, message: "\(identity.displayName) may not do this: it needs the permission \(names).")
        }
        return try await next(request, context)
    }

    /// A browser asking for a page, as opposed to a script or an API call.
    static func isPageRequest(_ request: Request) -> Bool {
        guard request.method == .get || request.method == .head else { return false }
        return request.headers[.accept]?.lowercased().contains("text/html") ?? false
    }

    /// The URL the browser asked for, for the login page to return to. Scheme from
    /// `X-Forwarded-Proto` (a TLS proxy) else the request's own; without a host, the path alone.
    static func absoluteURL(of request: Request) -> String {
        let path = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
        guard let host = request.head.authority else { return path }
        let scheme =
            request.headers[.init("X-Forwarded-Proto")!]?.lowercased()
            ?? request.head.scheme ?? "http"
        return "\(scheme)://\(host)\(path)"
    }

    /// Escapes a URL for use as one query value.
    static func queryEscaped(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=?+#:/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

/// The small "you may not see this" page, in the user's language, without the layout (the
/// middleware has no renderer); it links back to intake's home page.
enum ForbiddenPage {
    /// The 403 page naming the permissions `identity` lacks, in the request's language.
    static func response(needed: [Permission], identity: RequestIdentity, request: Request) -> Response {
        let language = PageLanguage.of(request)
        let names = needed.map { escape($0.label(in: language)) }.joined(separator: language == .it ? " o " : " or ")
        let name = escape(identity.displayName)
        let (title, sentence, back) =
            switch language {
            case .it:
                (
                    "Accesso negato",
                    "\(name), per questa pagina serve il permesso: \(names). Chiedi a un amministratore.",
                    "Torna alla home"
                )
            case .en:
                (
                    "Not allowed", "\(name), this page needs the permission: \(names). Ask an administrator.",
                    "Back to the home page"
                )
            }
        let html = """
            <!doctype html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Arianna</title></head>
            <body><main><h1>\(title)</h1><p>\(sentence)</p><p><a href="/">\(back)</a></p></main></body></html>
            """
        return Response(
            status: .forbidden,
            headers: [
                .contentType: "text/html; charset=utf-8", .contentLanguage: language.rawValue, .cacheControl: "no-store"
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// `text` safe inside HTML (a user's name may hold `<`).
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
