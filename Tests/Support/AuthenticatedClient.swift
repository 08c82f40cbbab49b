public import Hummingbird
public import HummingbirdTesting
public import ServiceKit

/// A router-test client that presents a session with every request — as a bearer token by
/// default (no CSRF needed), or as a browser's cookie plus CSRF header — so a route test reads as
/// it would without login, while the routes still check the session and its permissions.
public struct AuthenticatedClient: TestClientProtocol {
    /// How the session travels: a bearer token (an API client) or a cookie plus CSRF header (a browser).
    public enum Presentation: Sendable { case bearer, cookie }

    let base: any TestClientProtocol
    let credentials: SessionCredentials
    let presentation: Presentation

    /// The port of the underlying test client, if it listens on one.
    public var port: Int? { base.port }

    /// Sends the request with the session added in the chosen presentation.
    public func executeRequest(
        uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?
    ) async throws -> TestResponse {
        var headers = headers
        let added = presentation == .bearer ? credentials.bearerHeaders : credentials.cookieHeaders
        for field in added {
            if field.name == .cookie, let cookie = headers[.cookie] {
                // A test's own cookies (e.g. the language) travel with the session's.
                if !cookie.contains(SessionToken.cookieName) { headers[.cookie] = cookie + "; " + field.value }
            } else if headers[field.name] == nil {
                headers.append(field)
            }
        }
        return try await base.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }
}

extension TestClientProtocol {
    /// This client, presenting `credentials` as a browser does (cookie and CSRF header) unless told otherwise.
    public func authenticated(
        as credentials: SessionCredentials, presentation: AuthenticatedClient.Presentation = .cookie
    ) -> AuthenticatedClient {
        AuthenticatedClient(base: self, credentials: credentials, presentation: presentation)
    }

    /// This client, logged in with `permissions` (all of them by default) under the service's key.
    public func loggedIn(
        to context: ServiceContext, permissions: Set<Permission> = Set(Permission.allCases),
        operatorID: String? = nil, as presentation: AuthenticatedClient.Presentation = .bearer
    ) -> AuthenticatedClient {
        AuthenticatedClient(
            base: self,
            credentials: .mint(
                permissions: permissions, key: context.configuration.sessionKey,
                now: context.clock.now(), operatorID: operatorID),
            presentation: presentation)
    }
}
