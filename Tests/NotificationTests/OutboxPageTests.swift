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

/// The back office's outbox page over the real router: list with state filter and search, one
/// message rendered, "send again" for a failed one only.
@Suite("Outbox page")
struct OutboxPageTests {
    /// A sent ticket email (evt-1) and a refused one (a customer without an address, evt-2), and a
    /// 5xx-failed one that can be sent again (evt-3).
    static func service() async throws -> TestService {
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-1", as: AriannaEvent.ticketOpened))
        let worker = EmailWorker(
            store: service.store, transport: RecordingTransport(),
            settings: MailSettings(outboxFolder: URL(fileURLWithPath: "/unused")),
            timeZone: rome, clock: service.context.clock, logger: Logger(label: "test"))
        try await worker.deliverDueEmails(renderer: try EmailRenderer.bundled())
        try await service.deliver(
            .mock(TicketOpened.mock(customer: .mock(email: nil)), id: "evt-2", as: AriannaEvent.ticketOpened))
        var other = TicketOpened.mock(customer: CustomerRef(id: "cus-8", name: "Bianchi", email: "bianchi@example.org"))
        other.number = "TCK/2026/000200"
        try await service.deliver(.mock(other, id: "evt-3", as: AriannaEvent.ticketOpened))
        let refusing = EmailWorker(
            store: service.store, transport: RefusingTransport(),
            settings: MailSettings(outboxFolder: URL(fileURLWithPath: "/unused")),
            timeZone: rome, clock: service.context.clock, logger: Logger(label: "test"))
        try await refusing.deliverDueEmails(renderer: try EmailRenderer.bundled())
        return service
    }

    @Test func listsEveryEmail_filtersByState_andSearches() async throws {
        let service = try await Self.service()
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            let page: HTTPFields = [.accept: "text/html", .acceptLanguage: "it"]
            try await client.execute(uri: "/outbox", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Posta in uscita"))
                #expect(html.contains("facilities@rossi.example"))
                #expect(html.contains("customer:cus-42"))
                #expect(html.contains("Il cliente non ha un indirizzo email"))
                #expect(html.contains("<strong>inviata</strong>"))
                #expect(html.contains("<strong>non inviata</strong>"))
            }
            try await client.execute(uri: "/outbox?state=sent", method: .get, headers: page) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("facilities@rossi.example"))
                #expect(!html.contains("customer:cus-42"))
            }
            try await client.execute(
                uri: "/outbox?q=bianchi", method: .get, headers: [.accept: "text/html", .acceptLanguage: "en"]
            ) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Outbox"))
                #expect(html.contains("bianchi@example.org"))
                #expect(!html.contains("facilities@rossi.example"))
            }
        }
    }

    @Test func showsTheRenderedMessage_andResendsOnlyAFailedOne() async throws {
        let service = try await Self.service()
        let jobs = try await service.jobs()
        let sent = try #require(jobs.first { $0.status == .sent })
        let failed = try #require(jobs.first { $0.recipient == "bianchi@example.org" })
        let refused = try #require(jobs.first { $0.recipient == "customer:cus-42" })
        #expect(failed.status == .failed)
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(uri: "/outbox/\(sent.id)", method: .get, headers: [.accept: "text/html"]) {
                response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Richiesta TCK/2026/000123 ricevuta"))
                #expect(
                    html.contains("srcdoc=\"&lt;!DOCTYPE html&gt;"), "the HTML version, escaped into a sandboxed frame")
                #expect(!html.contains("/resend"))
            }
            try await client.execute(uri: "/outbox/\(failed.id)", method: .get, headers: [.accept: "text/html"]) {
                response in
                #expect(String(buffer: response.body).contains("/outbox/\(failed.id)/resend"))
            }
            try await client.execute(uri: "/outbox/\(failed.id)/resend", method: .post) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/outbox/\(sent.id)/resend", method: .post, headers: [.acceptLanguage: "en"])
            { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("Only a failed email can be sent again."))
            }
            try await client.execute(uri: "/outbox/\(refused.id)/resend", method: .post) { response in
                #expect(response.status == .conflict)
            }
        }
        let requeued = try #require(try await service.jobs().first { $0.id == failed.id })
        #expect(requeued.status == .queued)
        #expect(requeued.nextAttemptAt == Instant.now)
    }
}

/// A transport that answers like a server refusing the message for good (5xx).
struct RefusingTransport: MailTransport {
    func send(_ message: MailMessage) async throws {
        throw MailDeliveryError.permanent("550 5.1.1 no such user")
    }
}
