import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NotificationDomain
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationService

/// Each email has a default HTML template beside its text one; an activity type may override
/// both, checked before saving (unknown variable, broken syntax, an unescaped value in the HTML
/// are refused with the reason), previewed in either language; the templates list is paged.
@Suite("HTML templates and their overrides")
struct HTMLTemplateTests {
    static let json: HTTPFields = [.contentType: "application/json", .acceptLanguage: "en"]

    struct TemplatePage: Decodable {
        struct Item: Decodable {
            var kind: String
            var text: String
            var html: String
            var isOverride: Bool
        }
        var items: [Item]
        var nextCursor: String?
    }

    @Test func everyKind_hasADefaultHTMLTemplate_thatPassesTheCheck() throws {
        for kind in EmailKind.allCases {
            let html = try #require(EmailRenderer.shippedText(kind, html: true))
            let text = try #require(EmailRenderer.shippedText(kind, html: false))
            for language in EmailLanguage.allCases {
                let content = try TemplateCheck.check(text, html: html, language: language, timeZone: rome)
                #expect(content.html?.contains("<html lang=\"\(language.rawValue)\">") == true)
            }
        }
    }

    @Test func check_refusesUnescapedValues_unknownVariables_andBrokenHTMLTemplates() {
        let text = "Oggetto {{ticketNumber}}\n\nCorpo"
        for html in [
            "<p>{{{description}}}</p>", "<p>{{& description}}</p>", "<p>{{descrizione}}</p>", "<p>{{#reason}}</p>"
        ] {
            #expect(throws: TemplateCheck.Refusal.self, "\(html)") {
                try TemplateCheck.check(text, html: html, timeZone: rome)
            }
        }
        #expect(throws: Never.self) { try TemplateCheck.check(text, html: "<p>{{description}}</p>", timeZone: rome) }
    }

    @Test func api_savesAnHTMLOverride_previewsBothLanguages_refusesAndPages() async throws {
        let service = try TestService()
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            // The preview renders text and HTML in the asked language
            let pair =
                #"{"text":"{{#en}}Visit {{ticketNumber}}{{/en}}{{^en}}Visita {{ticketNumber}}{{/en}}\n\nx","html":"<p class=\"own\">{{#en}}Dear{{/en}}{{^en}}Gentile{{/en}} {{customerName}}</p>","language":"en"}"#
            try await client.execute(
                uri: "/api/templates/preview", method: .post, headers: Self.json, body: ByteBuffer(string: pair)
            ) { response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                #expect(
                    body.contains(#""subject":"Visit TCK\/2026\/000123""#)
                        || body.contains(#""subject":"Visit TCK/2026/000123""#))
                #expect(body.contains("Dear Rossi Impianti S.r.l."))
                #expect(body.contains(#"lang=\"en\""#))
            }
            // An unescaped value in the HTML is refused with the reason, in the caller's language
            try await client.execute(
                uri: "/api/templates/ticket-opened", method: .put,
                headers: [.contentType: "application/json", .acceptLanguage: "it"],
                body: ByteBuffer(
                    string:
                        #"{"activityTypeID":"at-7","text":"x {{ticketNumber}}\n\ny","html":"<p>{{{description}}}</p>"}"#
                )
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("L'HTML non può stampare valori senza escape"))
            }
            // A good pair is saved and listed as the type's own
            try await client.execute(
                uri: "/api/templates/ticket-opened", method: .put, headers: Self.json,
                body: ByteBuffer(
                    string:
                        #"{"activityTypeID":"at-7","text":"Riparazione {{ticketNumber}}\n\n{{description}}","html":"<p class=\"own\">{{description}}</p>"}"#
                )
            ) { response in
                #expect(response.status == .ok)
            }
            let first = try await client.execute(uri: "/api/templates?activityTypeID=at-7&limit=3", method: .get) {
                response in
                #expect(response.status == .ok)
                return try JSONDecoder().decode(TemplatePage.self, from: Data(response.body.readableBytesView))
            }
            #expect(first.items.map(\.kind) == ["ticket-opened", "appointment-scheduled", "appointment-moved"])
            #expect(first.items[0].isOverride && first.items[0].html == "<p class=\"own\">{{description}}</p>")
            #expect(!first.items[1].isOverride && first.items[1].html.contains("{{#en}}"))
            var kinds = first.items.map(\.kind)
            var cursor = first.nextCursor
            while let next = cursor {
                let page = try await client.execute(
                    uri: "/api/templates?activityTypeID=at-7&limit=3&cursor=\(next)", method: .get
                ) { response in
                    try JSONDecoder().decode(TemplatePage.self, from: Data(response.body.readableBytesView))
                }
                kinds += page.items.map(\.kind)
                cursor = page.nextCursor
            }
            #expect(kinds == EmailKind.allCases.map(\.rawValue))
            for bad in ["/api/templates?limit=21", "/api/templates?cursor=\(PageCursor(["no-such-kind"]).token)"] {
                try await client.execute(uri: bad, method: .get, headers: [.acceptLanguage: "en"]) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
        }
        // The type's ticket email uses both overrides; user data stays text in the HTML
        var ticket = TicketOpened.mock()
        ticket.description = "<img src=x onerror=alert(1)>"
        try await service.deliver(.mock(ticket, id: "evt-1", as: AriannaEvent.ticketOpened))
        let transport = RecordingTransport()
        try await EmailWorker(
            store: service.store, transport: transport,
            settings: MailSettings(outboxFolder: URL(fileURLWithPath: "/unused")),
            timeZone: rome, clock: service.context.clock, logger: Logger(label: "test")
        ).deliverDueEmails(renderer: try EmailRenderer.bundled())
        let message = try #require(transport.messages.first)
        #expect(message.content.subject == "Riparazione TCK/2026/000123")
        #expect(message.content.html?.contains("<p class=\"own\">&lt;img src=x onerror=alert(1)&gt;</p>") == true)
    }
}
