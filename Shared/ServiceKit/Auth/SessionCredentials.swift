public import AriannaWording
public import Foundation
public import Hummingbird

/// A signed session and its CSRF token, as intake hands them out at login: what router tests,
/// end-to-end tests and scripts use to call protected routes.
///
///     let user = SessionCredentials.mint(permissions: [.ticketsRead], key: context.configuration.sessionKey, now: clock.now())
///     try await client.execute(uri: "/api/tickets", method: .get, headers: user.cookieHeaders)
public struct SessionCredentials: Sendable {
    /// Who the session is for, as signed into the token.
    public let claims: SessionClaims
    /// The `arianna_session` cookie value (also usable as `Authorization: Bearer`).
    public let token: String
    /// What unsafe cookie requests must send in `X-CSRF-Token` or `_csrf`.
    public let csrfToken: String

    /// Signs `claims` with `key`.
    public init(claims: SessionClaims, key: SessionKey) {
        self.claims = claims
        self.token = SessionToken.sign(claims, key: key)
        self.csrfToken = CSRFToken.make(sessionID: claims.sessionID, key: key)
    }

    /// A session for a made-up user with `permissions`, valid for 8 hours from `now`.
    public static func mint(
        permissions: Set<Permission>, key: SessionKey, now: Date = Date(), username: String = "tester",
        operatorID: String? = nil, language: PageLanguage? = nil, sessionID: String = UUID().uuidString.lowercased()
    ) -> SessionCredentials {
        SessionCredentials(
            claims: SessionClaims(
                sessionID: sessionID, userID: "user-\(username)", username: username, displayName: username.capitalized,
                operatorID: operatorID, permissions: permissions, language: language,
                expiresAt: now.addingTimeInterval(8 * 3600)),
            key: key)
    }

    /// `Cookie: arianna_session=…` plus `X-CSRF-Token`: a browser's request.
    public var cookieHeaders: HTTPFields {
        [.cookie: "\(SessionToken.cookieName)=\(token)", .init(CSRFToken.headerName)!: csrfToken]
    }

    /// `Cookie` alone (no CSRF token): for GETs, or to prove unsafe requests are refused.
    public var cookieOnlyHeaders: HTTPFields {
        [.cookie: "\(SessionToken.cookieName)=\(token)"]
    }

    /// `Authorization: Bearer <token>`: a script's request (no CSRF needed).
    public var bearerHeaders: HTTPFields {
        [.authorization: "Bearer \(token)"]
    }
}
