import AriannaWording
public import Foundation
public import Hummingbird
import Logging

/// Establishes who is calling, on every request of every service (added by
/// `ServiceRuntime.buildRouter`), and enforces CSRF on unsafe cookie-authenticated requests.
///
/// Sources, first match wins: `Authorization: Bearer <session token>` (scripts), `Authorization:
/// Bearer <api key>` or `X-API-Key` (checked by `APIKeyCheck` against the kit table), then
/// the `arianna_session` cookie. An invalid, expired or ended cookie session simply leaves the
/// request anonymous (the user is sent to log in again); an explicit but wrong bearer or API key
/// is answered 401, so a misconfigured system notices at once.
///
/// The middleware never refuses an anonymous request: `RequirePermission` does that per route,
/// so health, metrics, static assets and the login page stay open.
public struct AuthenticationMiddleware: RouterMiddleware {
    /// The one request context of every service, where the identity is put.
    public typealias Context = ServiceRequestContext

    /// Verifies session signatures and derives CSRF tokens.
    let key: SessionKey
    /// The service's extra session check (intake: logouts) plus the ended sessions.
    let hooks: AuthenticationHooks
    /// Checks a presented API key against this service's grants.
    let apiKeys: APIKeyCheck
    /// Intake's base URL (no trailing slash): where `RequirePermission` sends anonymous page requests.
    let intakeURL: String
    /// The current time for expiries, fixed in tests.
    let now: @Sendable () -> Date

    /// Built once per service by `ServiceRuntime.buildRouter`; `intakeURL` is empty on the service
    /// that owns login (`ServiceDefinition.ownsLogin`), so its pages send visitors to its own `/login`.
    public init(
        key: SessionKey, hooks: AuthenticationHooks = AuthenticationHooks(), apiKeys: APIKeyCheck, intakeURL: String,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.key = key
        self.hooks = hooks
        self.apiKeys = apiKeys
        self.intakeURL = intakeURL.hasSuffix("/") ? String(intakeURL.dropLast()) : intakeURL
        self.now = now
    }

    /// Establishes who is calling, then runs the rest of the chain with that identity bound.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        var context = context
        context.loginURL = intakeURL + "/login"
        if let (identity, method) = try await identify(request, logger: context.logger) {
            context.identity = identity
            context.authenticationMethod = method
            if method == .sessionCookie, Self.isUnsafe(request.method), let sessionID = identity.user?.sessionID {
                try await checkCSRF(&request, sessionID: sessionID)
            }
        }
        let identity = context.identity
        return try await RequestIdentity.$current.withValue(identity) {
            try await next(request, context)
        }
    }

    /// POST, PUT, PATCH, DELETE: the methods that change something.
    static func isUnsafe(_ method: HTTPRequest.Method) -> Bool {
        [.post, .put, .patch, .delete].contains(method)
    }

    /// Who presents `request` and how; nil when anonymous. Throws 401 for an explicit bearer
    /// token or API key that is wrong or ended.
    func identify(_ request: Request, logger: Logger) async throws -> (RequestIdentity, AuthenticationMethod)? {
        if let credential = Self.presentedCredential(request) {
            if credential.contains("."), let claims = try? SessionToken.verify(credential, key: key, now: now()) {
                guard try await isLive(claims) else {
                    throw HTTPError(.unauthorized, message: "This session has ended; log in again.")
                }
                return (user(claims), .bearerSession)
            }
            let client = try await apiKeys.client(
                presenting: credential, now: now(), language: PageLanguage.of(request, identity: nil))
            return (.apiClient(client), .apiKey)
        }
        guard let token = request.cookies[SessionToken.cookieName]?.value, !token.isEmpty else { return nil }
        do {
            let claims = try SessionToken.verify(token, key: key, now: now())
            guard try await isLive(claims) else { return nil }
            return (user(claims), .sessionCookie)
        } catch let refusal as SessionToken.Refusal {
            logger.debug("session cookie refused", metadata: ["reason": "\(refusal)"])
            return nil
        }
    }

    /// The identity of a logged-in user, with the CSRF token their forms must carry.
    func user(_ claims: SessionClaims) -> RequestIdentity {
        .user(claims, csrfToken: CSRFToken.make(sessionID: claims.sessionID, key: key))
    }

    /// Whether the service's hooks still accept the session (true without hooks).
    func isLive(_ claims: SessionClaims) async throws -> Bool {
        guard let check = hooks.isSessionLive else { return true }
        return try await check(claims)
    }

    /// The bearer credential or `X-API-Key`, if the request presents one.
    static func presentedCredential(_ request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        if let apiKey = request.headers[.init("X-API-Key")!], !apiKey.isEmpty {
            return apiKey.trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// The token from `X-CSRF-Token`, else from the `_csrf` form field; 403 when missing or wrong.
    func checkCSRF(_ request: inout Request, sessionID: String) async throws {
        var presented = request.headers[.init(CSRFToken.headerName)!]
        if presented == nil {
            presented = try await FormField.value(CSRFToken.fieldName, in: &request)
        }
        guard let presented, !presented.isEmpty else {
            throw HTTPError(
                .forbidden,
                message: """
                    The request has no CSRF token: forms must send the _csrf field and scripts the \
                    X-CSRF-Token header (the value is in the page's <meta name="arianna-csrf">). \
                    Reload the page and try again.
                    """)
        }
        guard CSRFToken.isValid(presented, sessionID: sessionID, key: key) else {
            throw HTTPError(
                .forbidden,
                message: """
                    The CSRF token does not belong to your session (perhaps you logged in again in \
                    another tab). Reload the page and try again.
                    """)
        }
    }
}
