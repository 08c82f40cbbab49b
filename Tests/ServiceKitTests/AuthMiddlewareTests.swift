import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import ServiceKit

/// The authentication and permission middleware through `ServiceRuntime.buildRouter`, as every
/// service gets them.
@Suite struct AuthMiddlewareTests {
    static let key = SessionKey(bytes: Array(repeating: 3, count: 32))
    static let now = Date(timeIntervalSince1970: 1_900_000_000)

    /// A service with one page and one JSON route, both needing `planner.schedule`; `revoked`
    /// names sessions its hook reports ended, `apiKeys` the keys its kit table grants.
    static func withApp(
        revoked: Set<String> = [], apiKeys: [APIKeySnapshot] = [], ownsLogin: Bool = false,
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let configuration = ServiceConfiguration(
            serviceName: "planner", dataDirectory: FileManager.default.temporaryDirectory, httpPort: 0,
            sessionKey: key, serviceURLs: ["intake": "http://intake.example:8081"])
        let context = ServiceContext(
            configuration: configuration, database: try .inMemory { _ in }, clock: .fixed(now),
            logger: Logger(label: "test"))
        try await context.database.write { db in
            for snapshot in apiKeys { try APIKeyGrants.record(snapshot, in: db) }
        }
        let definition = ServiceDefinition(
            name: "planner", defaultPort: 0, consumedTopics: [], migrations: { _ in },
            addRoutes: { router, _ in
                let guarded = router.group().add(middleware: RequirePermission(.plannerSchedule))
                guarded.get("board") { _, context in "board for \(context.identity?.displayName ?? "?")" }
                guarded.get("api/queue") { _, _ in "[]" }
                guarded.post("api/appointments") { _, _ in "scheduled" }
                router.get("open") { _, _ in "open" }
            },
            authentication: { _ in
                AuthenticationHooks(isSessionLive: { claims in !revoked.contains(claims.sessionID) })
            },
            ownsLogin: ownsLogin)
        let app = Application(router: ServiceRuntime.buildRouter(definition, context: context))
        try await app.test(.router, test)
    }

    static let html: HTTPFields = [.accept: "text/html,application/xhtml+xml"]

    static func user(_ permissions: Set<Permission>, language: PageLanguage? = nil, sessionID: String = "s1")
        -> SessionCredentials
    {
        .mint(
            permissions: permissions, key: key, now: now, username: "giulia", language: language, sessionID: sessionID)
    }

    @Test func anonymousPage_redirectsToIntakeLogin_withTheAbsoluteURL() async throws {
        try await Self.withApp { client in
            // the router test client sends authority "localhost", scheme "http"
            try await client.execute(uri: "/board?day=2030-03-04", method: .get, headers: Self.html) { response in
                #expect(response.status == .seeOther)
                #expect(
                    response.headers[.location]
                        == "http://intake.example:8081/login?next=http%3A%2F%2Flocalhost%2Fboard%3Fday%3D2030-03-04")
            }
        }
    }

    /// Whether a service serves the login itself is a property of its definition, not its name:
    /// this "planner" says it owns login, so its pages send an anonymous visitor to its own path.
    @Test func anonymousPage_ofTheServiceThatOwnsLogin_redirectsToItsOwnLogin() async throws {
        try await Self.withApp(ownsLogin: true) { client in
            try await client.execute(uri: "/board?day=2030-03-04", method: .get, headers: Self.html) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=http%3A%2F%2Flocalhost%2Fboard%3Fday%3D2030-03-04")
            }
        }
    }

    @Test func anonymousAPI_is401_butOpenRoutesAndHealthAnswer() async throws {
        try await Self.withApp { client in
            try await client.execute(uri: "/api/queue", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("Log in first"))
            }
            try await client.execute(uri: "/open", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/health/live", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func withoutThePermission_is403_asJSONOrAsAPageInTheUsersLanguage() async throws {
        try await Self.withApp { client in
            let user = Self.user([.reportsFill], language: .en)
            try await client.execute(uri: "/api/queue", method: .get, headers: user.cookieHeaders) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("planner.schedule"))
            }
            var headers = user.cookieHeaders
            headers.append(contentsOf: Self.html)
            headers[.cookie] = "lang=it; \(SessionToken.cookieName)=\(user.token)"
            try await client.execute(uri: "/board", method: .get, headers: headers) { response in
                #expect(response.status == .forbidden)
                let page = String(buffer: response.body)
                #expect(page.contains("Not allowed"))  // the claim (en) wins over the lang cookie (it)
                #expect(page.contains("Schedule in the planner"))
            }
        }
    }

    @Test func withThePermission_passes_andTheRouteSeesTheIdentity() async throws {
        try await Self.withApp { client in
            let user = Self.user([.plannerSchedule])
            try await client.execute(uri: "/board", method: .get, headers: user.cookieHeaders) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "board for Giulia")
            }
            try await client.execute(uri: "/api/queue", method: .get, headers: user.bearerHeaders) {
                #expect($0.status == .ok)
            }
        }
    }

    @Test func tamperedOrExpiredCookie_isAnonymous() async throws {
        try await Self.withApp { client in
            let expired = SessionCredentials(
                claims: SessionClaims(
                    sessionID: "s", userID: "u", username: "x", displayName: "X",
                    permissions: [.plannerSchedule], expiresAt: Self.now.addingTimeInterval(-1)),
                key: Self.key)
            let forged = SessionCredentials.mint(
                permissions: [.plannerSchedule], key: SessionKey(bytes: Array(repeating: 4, count: 32)), now: Self.now)
            for credentials in [expired, forged] {
                try await client.execute(uri: "/api/queue", method: .get, headers: credentials.cookieHeaders) {
                    response in
                    #expect(response.status == .unauthorized)
                }
            }
        }
    }

    @Test func endedSession_isRefused_throughTheHook() async throws {
        try await Self.withApp(revoked: ["gone"]) { client in
            let user = Self.user([.plannerSchedule], sessionID: "gone")
            try await client.execute(uri: "/api/queue", method: .get, headers: user.cookieHeaders) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/api/queue", method: .get, headers: user.bearerHeaders) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test func unsafeCookieRequest_needsTheCSRFToken() async throws {
        try await Self.withApp { client in
            let user = Self.user([.plannerSchedule])
            // missing
            try await client.execute(uri: "/api/appointments", method: .post, headers: user.cookieOnlyHeaders) {
                response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("no CSRF token"))
            }
            // another session's token
            var wrong = user.cookieOnlyHeaders
            wrong[.init(CSRFToken.headerName)!] = Self.user([], sessionID: "other").csrfToken
            try await client.execute(uri: "/api/appointments", method: .post, headers: wrong) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("does not belong to your session"))
            }
            // header
            try await client.execute(uri: "/api/appointments", method: .post, headers: user.cookieHeaders) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "scheduled")
            }
            // form field
            var form = user.cookieOnlyHeaders
            form[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(
                uri: "/api/appointments", method: .post, headers: form,
                body: ByteBuffer(string: "a=1&_csrf=\(user.csrfToken)")
            ) { #expect($0.status == .ok) }
            // multipart form field
            var multipart = user.cookieOnlyHeaders
            multipart[.contentType] = "multipart/form-data; boundary=B0UND"
            let body =
                "--B0UND\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(user.csrfToken)\r\n--B0UND--\r\n"
            try await client.execute(
                uri: "/api/appointments", method: .post, headers: multipart,
                body: ByteBuffer(string: body)
            ) { #expect($0.status == .ok) }
            // bearer requests are not forgeable by a browser: exempt
            try await client.execute(uri: "/api/appointments", method: .post, headers: user.bearerHeaders) {
                #expect($0.status == .ok)
            }
        }
    }

    @Test func apiKey_authenticatesFromTheKitTable_andAWrongKeyIs401() async throws {
        let secret = "ak_" + String(repeating: "k", count: 43)
        let snapshot = APIKeySnapshot(
            id: "k1", name: "Call centre", keyHashSHA256: APIKeyGrants.hash(secret), permissions: ["planner.schedule"],
            services: [], expiresAt: nil, requestsPerMinute: nil, active: true)
        try await Self.withApp(apiKeys: [snapshot]) { http in
            try await http.execute(uri: "/api/appointments", method: .post, headers: [.init("X-API-Key")!: secret]) {
                response in
                #expect(response.status == .ok)  // no CSRF for API keys
            }
            try await http.execute(uri: "/api/queue", method: .get, headers: [.authorization: "Bearer \(secret)"]) {
                #expect($0.status == .ok)
            }
            try await http.execute(uri: "/open", method: .get, headers: [.authorization: "Bearer wrong"]) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("API"))
            }
        }
    }
}
