/// Who made a request: a logged-in user (session cookie or bearer session token) or an
/// external system with an API key. Set by `AuthenticationMiddleware` on the request context.
public enum RequestIdentity: Sendable, Equatable {
    /// A user with a verified session; `csrfToken` is what their forms must send back.
    case user(SessionClaims, csrfToken: String)
    /// A system with an API key (e.g. a call-centre system that opens tickets).
    case apiClient(APIClient)

    /// What this identity may do.
    public var permissions: Set<Permission> {
        switch self {
        case .user(let claims, _): claims.permissions
        case .apiClient(let client): client.permissions
        }
    }

    /// Whether this identity may do `permission`.
    public func has(_ permission: Permission) -> Bool { permissions.contains(permission) }

    /// The user's claims, nil for an API client.
    public var user: SessionClaims? {
        if case .user(let claims, _) = self { return claims }
        return nil
    }

    /// The CSRF token of a user session, nil for an API client.
    public var csrfToken: String? {
        if case .user(_, let token) = self { return token }
        return nil
    }

    /// A short name for logs and pages: the user's display name or the API key's name.
    public var displayName: String {
        switch self {
        case .user(let claims, _): claims.displayName
        case .apiClient(let client): client.name
        }
    }

    /// The identity the current request runs under, for code that only has the `Request`
    /// (the page layout, `PageLanguage.of`). Bound by `AuthenticationMiddleware` around the rest
    /// of the chain; route code should prefer `context.identity`.
    @TaskLocal public static var current: RequestIdentity?
}

/// An external system known by an API key.
public struct APIClient: Sendable, Equatable {
    /// The `apiKey` row.
    public var id: String
    /// What the administrator called it ("Call centre Rossi").
    public var name: String
    /// What the administrator allowed the key to do; routes check them like a user's.
    public var permissions: Set<Permission>

    /// An API client as its grant describes it.
    public init(id: String, name: String, permissions: Set<Permission>) {
        self.id = id
        self.name = name
        self.permissions = permissions
    }
}

/// How the identity of a request was established; decides whether CSRF applies.
public enum AuthenticationMethod: Sendable, Equatable {
    /// The `arianna_session` cookie: a browser sends it on its own, so unsafe requests need CSRF.
    case sessionCookie
    /// `Authorization: Bearer <session token>` from a script.
    case bearerSession
    /// `Authorization: Bearer <api key>` or `X-API-Key`.
    case apiKey
}
