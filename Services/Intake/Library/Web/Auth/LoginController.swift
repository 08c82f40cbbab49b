import Foundation
import Hummingbird
import IntakeDomain
import ServiceKit

/// Logging in and out (R17): the login page and form, `POST /api/sessions` for scripts and
/// tests, `GET /api/session` (who am I) and `POST /logout`.
struct LoginController: Sendable {
    /// Where logins are checked and sessions written.
    let sessions: SessionDirectory
    /// Renders the login page in the shared layout.
    let renderer: PageRenderer
    /// Keeps `next` on the services' own addresses.
    let redirect: SafeRedirect
    /// The session's lifetime and the cookie's Secure setting.
    let configuration: ServiceConfiguration

    /// The controller of a running service.
    static func make(context: ServiceContext) throws -> LoginController {
        LoginController(
            sessions: SessionDirectory(context: context),
            renderer: try IntakePages.renderer(context: context, strings: AuthPageStrings.all),
            redirect: SafeRedirect(serviceURLs: Array(context.configuration.serviceURLs.values)),
            configuration: context.configuration)
    }

    /// `/login`, `/logout`, `POST /api/sessions` (a script's login) and `GET /api/session` (who the
    /// caller is).
    func addRoutes(to router: ServiceRouter) {
        router.get("/login", use: page)
        router.post("/login", use: submit)
        router.post("/logout", use: logout)
        router.post("/api/sessions", use: create)
        router.get("/api/session") { request, context -> Response in
            guard let claims = context.identity?.user else {
                throw HTTPError(
                    .unauthorized,
                    message: Wording(
                        it: "Nessun utente ha effettuato l'accesso in questa richiesta.",
                        en: "No user is logged in on this request."
                    ).text(PageLanguage.of(request)))
            }
            return try JSONResponse.make(.ok, claims)
        }
    }

    /// What the login page's template shows: where to go after, the name typed and the refusal.
    struct PageModel {
        /// Where the browser goes after the login.
        let next: String
        /// The user name typed, kept after a refusal.
        let username: String
        /// Why the last try was refused.
        let error: String?
        /// The CSRF token of the logout form, when someone is logged in.
        let csrf: String?
        /// Who is logged in already, if anyone.
        let currentUser: String?
    }

    /// `GET /login`: the login form, returning to `next` afterwards.
    @Sendable func page(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try render(
            request, context: context, next: request.uri.queryParameters.get("next") ?? "", username: "", error: nil)
    }

    /// Renders the login page with the refusal of the last try, if any.
    func render(
        _ request: Request, context: ServiceRequestContext, next: String, username: String, error: String?,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let model = PageModel(
            next: next, username: username, error: error, csrf: context.identity?.csrfToken,
            currentUser: context.identity?.user?.displayName)
        return try renderer.render(
            "login", page: .init(titleKey: "loginTitle"), model: model, request: request, status: status)
    }

    /// The login form: on success a 303 to `next` (if safe) with the session cookie; otherwise
    /// the form again with the reason (401, or 429 when throttled).
    @Sendable func submit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let form = try await FormFields.read(request)
        let username = form["username"] ?? ""
        let next = form["next"] ?? ""
        let language = PageLanguage.of(request)
        do {
            let credentials = try await sessions.logIn(
                username: username, password: form.values["password"]?.first ?? "", remoteAddress: context.remoteAddress
            )
            var response = Response(
                status: .seeOther,
                headers: [
                    .location: redirect.target(next, requestHost: request.head.authority), .cacheControl: "no-store"
                ])
            response.setCookie(cookie(credentials.token, request: request))
            return response
        } catch let failure as SessionDirectory.Failure {
            let (status, message) = describe(failure, in: language)
            var response = try render(
                request, context: context, next: next, username: username, error: message, status: status)
            if case .throttled(let minutes) = failure { response.headers[.retryAfter] = String(minutes * 60) }
            return response
        }
    }

    /// The body of `POST /api/sessions`: a script's login.
    struct LoginRequest: Decodable {
        /// The user name.
        let username: String
        /// The password.
        let password: String
    }

    /// The answer to a script's login: the bearer token, its CSRF token, its expiry and who it is.
    struct LoginResponse: Encodable {
        /// The bearer token to send as `Authorization: Bearer <token>`.
        let token: String
        /// The CSRF token (needed only with the cookie, not with the bearer token).
        let csrfToken: String
        /// When the token lapses.
        let expiresAt: Date
        /// Who the token is for and what they may do.
        let user: SessionClaims
    }

    /// `POST /api/sessions` `{"username","password"}` → 201 with the token (also set as the
    /// cookie) and the CSRF token; 401 or 429 with the reason, in the request's language.
    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(
            as: LoginRequest.self, describedAs: #"{"username": "…", "password": "…"}"#)
        do {
            let credentials = try await sessions.logIn(
                username: body.username, password: body.password, remoteAddress: context.remoteAddress)
            var response = try JSONResponse.make(
                .created,
                LoginResponse(
                    token: credentials.token, csrfToken: credentials.csrfToken, expiresAt: credentials.claims.expiresAt,
                    user: credentials.claims))
            response.setCookie(cookie(credentials.token, request: request))
            return response
        } catch let failure as SessionDirectory.Failure {
            let (status, message) = describe(failure, in: PageLanguage.of(request))
            var headers: HTTPFields = [:]
            if case .throttled(let minutes) = failure { headers[.retryAfter] = String(minutes * 60) }
            throw HTTPError(status, headers: headers, message: message)
        }
    }

    /// Ends the session in the store (intake refuses it from now on), clears the cookie, back
    /// to the login page. The middleware has already checked the CSRF token.
    @Sendable func logout(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        if let claims = context.identity?.user {
            try await sessions.end(sessionID: claims.sessionID)
        }
        var response = Response(status: .seeOther, headers: [.location: "/login", .cacheControl: "no-store"])
        response.setCookie(
            Cookie(
                name: SessionToken.cookieName, value: "", maxAge: 0, path: "/", secure: isSecure(request),
                httpOnly: true, sameSite: .lax))
        return response
    }

    /// The session cookie for `token`: HttpOnly, SameSite=Lax, Secure over TLS or when configured.
    func cookie(_ token: String, request: Request) -> Cookie {
        Cookie(
            name: SessionToken.cookieName, value: token, maxAge: Int(configuration.sessionLifetime.components.seconds),
            path: "/", secure: isSecure(request), httpOnly: true, sameSite: .lax)
    }

    /// TLS to us, TLS to the proxy in front (`X-Forwarded-Proto: https`), or configured so.
    func isSecure(_ request: Request) -> Bool {
        configuration.secureCookies || request.head.scheme == "https"
            || request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    /// The status and the words, in `language`, that tell a user why their login failed.
    func describe(_ failure: SessionDirectory.Failure, in language: PageLanguage) -> (HTTPResponse.Status, String) {
        switch failure {
        case .wrongCredentials:
            (.unauthorized, renderer.strings.text("wrongCredentials", in: language))
        case .throttled(let minutes):
            (
                .tooManyRequests,
                renderer.strings.text("throttled", in: language).replacingOccurrences(
                    of: "{minutes}", with: "\(minutes)")
            )
        }
    }
}
