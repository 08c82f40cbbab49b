import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationService

/// Templates per activity type: a broken one or one naming an unknown variable is refused with
/// the reason; a good one is previewed on sample data, saved, and used for that type's emails,
/// with user data escaped in the HTML alternative.
@Suite("Email templates per activity type")
struct TemplateOverrideTests {
    @Test func check_refusesUnknownVariables_brokenSyntax_andNoSubject() {
        #expect(throws: TemplateCheck.Refusal.self) {
            try TemplateCheck.check("Hello {{customerNmae}}\n\nbody", timeZone: rome)
        }
        #expect(throws: TemplateCheck.Refusal.self) {
            try TemplateCheck.check("Hello {{#customerName}}\n\nbody", timeZone: rome)
        }
        #expect(throws: TemplateCheck.Refusal.self) {
            try TemplateCheck.check("{{^reason}}x{{/reason}}\n\n  ", timeZone: rome)
        }
        let unknown = (try? TemplateCheck.check("{{customerNmae}} {{#bogus}}{{/bogus}}", timeZone: rome)).map { _ in ""
        }
        #expect(unknown == nil)
        #expect(
            TemplateCheck.variables(
                in: "{{% CONTENT_TYPE: TEXT}}{{! note }}{{{title}}} {{& reason}} {{#isMoved}}{{/isMoved}}")
                == ["title", "reason", "isMoved"])
    }

    @Test func api_previewsSavesAndRefuses_andTheOverrideIsUsed() async throws {
        let service = try TestService()
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        let json: HTTPFields = [.contentType: "application/json", .acceptLanguage: "en"]
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/api/templates/preview", method: .post, headers: json,
                body: ByteBuffer(string: #"{"text":"Ciao {{customerName}}\n\nRichiesta {{ticketNumber}}"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""subject":"Ciao Rossi Impianti S.r.l.""#))
            }
            try await client.execute(
                uri: "/api/templates/ticket-opened", method: .put, headers: json,
                body: ByteBuffer(string: #"{"activityTypeID":"at-7","text":"Ciao {{cliente}}\n\nx"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("The text: unknown variables: cliente."))
            }
            try await client.execute(
                uri: "/api/templates/ticket-opened", method: .put, headers: json,
                body: ByteBuffer(
                    string:
                        #"{"activityTypeID":"at-7","text":"{{% CONTENT_TYPE: TEXT}}\nRepair {{ticketNumber}} for {{customerName}}\n\n{{description}}\n{{signature}}"}"#
                )
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/templates?activityTypeID=at-7", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#""isOverride":true"#))
            }
        }
        // A ticket of type at-7 is written with its own template; user text stays text in the HTML
        var ticket = TicketOpened.mock()
        ticket.description = "<script>alert(1)</script>"
        try await service.deliver(.mock(ticket, id: "evt-1", as: AriannaEvent.ticketOpened))
        let transport = RecordingTransport()
        let worker = EmailWorker(
            store: service.store, transport: transport,
            settings: MailSettings(outboxFolder: URL(fileURLWithPath: "/unused")),
            timeZone: rome, clock: service.context.clock, logger: Logger(label: "test"))
        try await worker.deliverDueEmails(renderer: try EmailRenderer.bundled())
        let message = try #require(transport.messages.first)
        #expect(message.content.subject == "Repair TCK/2026/000123 for Rossi Impianti S.r.l.")
        #expect(message.content.html?.contains("&lt;script&gt;alert(1)&lt;/script&gt;") == true)
        #expect(message.content.html?.contains("<script>") == false)
    }

    @Test func editorPage_listsTheActivityTypesAndLoadsItsScript() async throws {
        let service = try TestService()
        try await service.deliver(
            .mock(
                ActivityTypeSnapshot(
                    activityTypeID: "at-7", code: "REPAIR", name: "Riparazione", macroType: .call,
                    expectedDurationMinutes: 60, billable: true, colour: "#336699", active: true),
                id: "setup-1", as: AriannaEvent.activityTypeSnapshot))
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/templates", method: .get, headers: [.accept: "text/html", .acceptLanguage: "it"]
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Modelli delle email"))
                #expect(html.contains(#"<option value="at-7">REPAIR — Riparazione</option>"#))
                #expect(
                    html.contains(#"<option value="ticket-opened">Richiesta ricevuta (al cliente)</option>"#),
                    "each kind in words")
                #expect(html.contains("/assets/notification/template-editor.js"))
            }
        }
    }
}
