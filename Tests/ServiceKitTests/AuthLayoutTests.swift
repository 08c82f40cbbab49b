import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import ServiceKit

/// The shared layout shows who is logged in, the logout button with its CSRF token, or a login link.
@Suite struct AuthLayoutTests {
    static let key = SessionKey(bytes: Array(repeating: 5, count: 32))

    @Test func loggedIn_showsNameLogoutFormAndCSRFMeta() throws {
        // given
        let user = SessionCredentials.mint(permissions: [.plannerSchedule], key: Self.key, username: "giulia <x>")
        let identity = RequestIdentity.user(user.claims, csrfToken: user.csrfToken)
        // when
        let html = try PageRendererTests.renderer().renderHTML(
            "hello", page: .init(titleKey: "helloTitle"), model: PageRendererTests.Model(name: "x"), language: .en,
            currentPath: "/board", identity: identity)
        // then
        #expect(html.contains("<meta name=\"arianna-csrf\" content=\"\(user.csrfToken)\">"))
        #expect(html.contains("Giulia &lt;X&gt;"))
        #expect(html.contains("<form method=\"post\" action=\"http://127.0.0.1:8081/logout\""))
        #expect(html.contains("<input type=\"hidden\" name=\"_csrf\" value=\"\(user.csrfToken)\">"))
        #expect(html.contains(">Log out</button>"))
        #expect(!html.contains("class=\"app-login\""))
    }

    @Test func anonymous_showsALoginLinkBackToThePage() throws {
        let html = try PageRendererTests.renderer().renderHTML(
            "hello", page: .init(titleKey: "helloTitle"), model: PageRendererTests.Model(name: "x"), language: .it,
            currentPath: "/board", loginNext: "http://127.0.0.1:8082/board?view=day")
        #expect(
            html.contains(
                "href=\"http://127.0.0.1:8081/login?next=http%3A%2F%2F127.0.0.1%3A8082%2Fboard%3Fview%3Dday\">Accedi</a>"
            ))
        #expect(!html.contains("arianna-csrf"))
    }

    @Test func render_throughTheRouter_usesTheSessionAndItsLanguage() async throws {
        // given a service whose page is rendered with the plain `render(_:page:model:request:)`
        let renderer = try PageRendererTests.renderer()
        let configuration = ServiceConfiguration(
            serviceName: "planner", dataDirectory: FileManager.default.temporaryDirectory, httpPort: 0,
            sessionKey: Self.key)
        let context = ServiceContext(
            configuration: configuration, database: try .inMemory { _ in }, logger: Logger(label: "t"))
        let definition = ServiceDefinition(
            name: "planner", defaultPort: 0, consumedTopics: [], migrations: { _ in },
            addRoutes: { router, _ in
                router.get("hello") { request, _ in
                    try renderer.render(
                        "hello", page: .init(titleKey: "helloTitle"), model: PageRendererTests.Model(name: "y"),
                        request: request)
                }
            })
        let user = SessionCredentials.mint(permissions: [], key: Self.key, username: "lucia", language: .en)
        try await Application(router: ServiceRuntime.buildRouter(definition, context: context)).test(.router) {
            client in
            // when a user whose setting is English calls with an Italian lang cookie
            try await client.execute(
                uri: "/hello", method: .get,
                headers: [.cookie: "lang=it; \(SessionToken.cookieName)=\(user.token)"]
            ) { response in
                // then
                let html = String(buffer: response.body)
                #expect(html.contains("<html lang=\"en\">"))
                #expect(html.contains("Lucia"))
                #expect(html.contains("arianna-csrf"))
            }
            try await client.execute(uri: "/hello", method: .get, headers: [.cookie: "lang=en"]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("login?next=http%3A%2F%2Flocalhost%2Fhello"))
            }
        }
    }
}
