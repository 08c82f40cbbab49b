import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Mustache
import Testing

@testable import ServiceKit

@Suite struct PageLanguageTests {
    @Test func preferred_usesTheCookieFirst() {
        #expect(PageLanguage.preferred(cookie: "en", acceptLanguage: "it-IT,it;q=0.9") == .en)
        #expect(PageLanguage.preferred(cookie: "it", acceptLanguage: "en-GB") == .it)
    }

    @Test func preferred_ignoresAnUnknownCookie() {
        #expect(PageLanguage.preferred(cookie: "de", acceptLanguage: "en-US,en;q=0.8") == .en)
    }

    @Test func preferred_followsAcceptLanguageByQuality() {
        #expect(PageLanguage.preferred(cookie: nil, acceptLanguage: "fr-FR, en;q=0.5, it;q=0.8") == .it)
        #expect(PageLanguage.preferred(cookie: nil, acceptLanguage: "en-US,en;q=0.9,it;q=0.8") == .en)
        #expect(PageLanguage.preferred(cookie: nil, acceptLanguage: "de, EN-gb") == .en)
    }

    @Test func preferred_defaultsToItalian() {
        #expect(PageLanguage.preferred(cookie: nil, acceptLanguage: nil) == .it)
        #expect(PageLanguage.preferred(cookie: nil, acceptLanguage: "de-DE, fr;q=0.8") == .it)
        #expect(PageLanguage.preferred(cookie: nil, acceptLanguage: "en;q=0") == .it)
    }

    /// The API's variant of the same rule: English only for a caller that asked for nothing; one
    /// that asked for a language we lack still gets Italian, as the API always answered it.
    @Test func preferred_whenNoneAsked_appliesOnlyToACallerWithoutCookieOrHeader() {
        #expect(PageLanguage.preferred(cookie: nil, acceptLanguage: nil, whenNoneAsked: .en) == .en)
        #expect(PageLanguage.preferred(cookie: nil, acceptLanguage: "it-IT", whenNoneAsked: .en) == .it)
        #expect(PageLanguage.preferred(cookie: "de", acceptLanguage: nil, whenNoneAsked: .en) == .it)
        #expect(PageLanguage.preferred(cookie: nil, acceptLanguage: "de-DE", whenNoneAsked: .en) == .it)
    }
}

@Suite struct PageStringsTests {
    @Test func layout_hasEveryKeyInEveryLanguage() {
        for language in PageLanguage.allCases {
            #expect(PageStrings.layout.missingKeys(in: language).isEmpty)
        }
    }

    @Test func text_fallsBackToItalianThenToTheKey() {
        let strings = PageStrings([.it: ["a": "uno", "b": "due"], .en: ["a": "one"]])
        #expect(strings.text("a", in: .en) == "one")
        #expect(strings.text("b", in: .en) == "due")
        #expect(strings.text("c", in: .en) == "c")
        #expect(strings.table(for: .en) == ["a": "one", "b": "due"])
    }

    @Test func merging_letsTheServiceReword() {
        let merged = PageStrings.layout.merging(PageStrings([.en: ["navPlanner": "Board"]]))
        #expect(merged.text("navPlanner", in: .en) == "Board")
        #expect(merged.text("navPlanner", in: .it) == "Planner")
    }
}

@Suite struct PageNavigationTests {
    @Test func fromEnvironment_defaultsToLocalPorts() {
        let navigation = PageNavigation.fromEnvironment([:])
        #expect(navigation.entries.map(\.service) == ["intake", "planner", "notification", "webreport", "billing"])
        #expect(navigation.entries[1].baseURL == "http://127.0.0.1:8082")
    }

    @Test func fromEnvironment_readsPortsAndURLs() {
        let navigation = PageNavigation.fromEnvironment([
            "ARIANNA_INTAKE_PORT": "9181", "ARIANNA_BILLING_URL": "https://billing.example.com/"
        ])
        #expect(navigation.entries[0].baseURL == "http://127.0.0.1:9181")
        #expect(navigation.entries[4].baseURL == "https://billing.example.com")
    }

    @Test func href_isAPathForTheCurrentService() {
        let navigation = PageNavigation.fromEnvironment([:])
        #expect(navigation.href(of: navigation.entries[1], from: "planner") == "/board")
        #expect(navigation.href(of: navigation.entries[0], from: "planner") == "http://127.0.0.1:8081/")
    }
}

@Suite struct PageRendererTests {
    static func renderer() throws -> PageRenderer {
        var library = MustacheLibrary()
        try library.register("<p class=\"hello\">{{t.hello}}, {{page.name}}</p>", named: "hello")
        return try PageRenderer(
            serviceName: "planner", templates: library,
            strings: PageStrings([
                .it: ["hello": "Ciao", "helloTitle": "Saluto"], .en: ["hello": "Hello", "helloTitle": "Greeting"]
            ]),
            navigation: .fromEnvironment([:]))
    }

    struct Model { let name: String }

    @Test func renderHTML_putsThePageInTheLayoutInTheUsersLanguage() throws {
        let html = try Self.renderer().renderHTML(
            "hello", page: .init(titleKey: "helloTitle"), model: Model(name: "Mario <b>"), language: .en,
            currentPath: "/board?view=day")
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<title>Greeting · Arianna</title>"))
        #expect(html.contains("<p class=\"hello\">Hello, Mario &lt;b&gt;</p>"))
        #expect(html.contains("href=\"/board\" aria-current=\"page\">Planner</a>"))
        #expect(html.contains("href=\"http://127.0.0.1:8081/\">Calls</a>"))
        #expect(html.contains("href=\"/lang/it?back=/board%3Fview%3Dday\""))
        #expect(html.contains("/assets/kit/arianna.css?v="))
    }

    @Test func renderHTML_defaultsToItalianWords() throws {
        let html = try Self.renderer().renderHTML(
            "hello", page: .init(titleKey: "helloTitle"), model: Model(name: "Lucia"), language: .it, currentPath: "/")
        #expect(html.contains("Ciao, Lucia"))
        #expect(html.contains(">Chiamate</a>"))
    }

    @Test func safeReturnPath_refusesOtherHosts() {
        #expect(PageRenderer.safeReturnPath("/board?view=week") == "/board?view=week")
        #expect(PageRenderer.safeReturnPath("//evil.example/x") == "/")
        #expect(PageRenderer.safeReturnPath("https://evil.example") == "/")
        #expect(PageRenderer.safeReturnPath(nil) == "/")
    }

    @Test func sharedRoutes_switchTheLanguageAndServeTheStylesheet() async throws {
        let renderer = try Self.renderer()
        let router = ServiceRouter(context: ServiceRequestContext.self)
        renderer.addSharedRoutes(to: router)
        let app = Application(router: router)
        try await app.test(.router) { client in
            try await client.execute(uri: "/lang/en?back=%2Fboard", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/board")
                #expect(response.headers[.setCookie]?.hasPrefix("lang=en") == true)
            }
            try await client.execute(uri: "/lang/xx", method: .get) { response in
                #expect(response.status == .notFound)
            }
            let etag = try await client.execute(uri: "/assets/kit/arianna.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                return response.headers[.eTag]
            }
            try await client.execute(
                uri: "/assets/kit/arianna.css", method: .get, headers: [.ifNoneMatch: try #require(etag)]
            ) { response in
                #expect(response.status == .notModified)
            }
        }
    }
}

@Suite struct ServerSentEventsTests {
    @Test func wireFormat_splitsLines() {
        #expect(ServerSentEvents.Event(name: "changed", data: "7").wireFormat == "event: changed\ndata: 7\n\n")
        #expect(ServerSentEvents.Event(name: "x", data: "a\nb").wireFormat == "event: x\ndata: a\ndata: b\n\n")
    }
}
