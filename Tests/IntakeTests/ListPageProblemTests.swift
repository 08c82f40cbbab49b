import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// Issue 15: a list page followed with a bad `?limit=` or `?cursor=` (a stale bookmark, an edited
/// link) answers its own error view — the shared layout, the page's title, the reason in the
/// user's language, a link to the first page keeping the search — with 400, not the API's JSON.
@Suite struct ListPageProblemTests {
    @Test(arguments: [
        ("/tickets?q=caldaia&cursor=nope", "it", "Ticket", "cursor non è valido", "/tickets?q=caldaia"),
        ("/tickets?limit=900", "en", "Tickets", "limit must be a whole number from 1 to 200, not '900'.", "/tickets"),
        (
            "/work?view=open&limit=0", "en", "Work", "limit must be a whole number from 1 to 200, not '0'.",
            "/work?view=open"
        ),
        ("/work?cursor=%25", "it", "Lavoro", "cursor non è valido", "/work")
    ])
    func listPage_answersABadPageWithItsOwnErrorView(
        uri: String, language: String, title: String, message: String, firstPage: String
    ) async throws {
        let fixture = try await IntakeFixture()
        let app = Application(router: ServiceRuntime.buildRouter(IntakeService.definition, context: fixture.context))
        let user = try await fixture.session(Set(Permission.allCases))
        try await app.test(.router) { anonymous in
            let response = try await anonymous.authenticated(as: user).executeRequest(
                uri: uri, method: .get, headers: [.accept: "text/html", .acceptLanguage: language], body: nil)
            let html = String(buffer: response.body)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(
                html.contains(#"<main id="main""#) && html.contains(#"<html lang="\#(language)">"#), "the shared layout"
            )
            #expect(html.contains(#"role="alert""#) && html.contains(#"<h1 id="page-problem-title">\#(title)"#))
            #expect(
                html.contains(message.replacingOccurrences(of: "'", with: "&#39;")) || html.contains(message), "\(html)"
            )
            #expect(html.contains(#"href="\#(firstPage)""#), "a way back to the first page: \(html)")
            #expect(html.contains(#"class="app-user-name""#), "still shows who is logged in")
            #expect(!html.contains(#"{"error""#))
        }
    }
}
