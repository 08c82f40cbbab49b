import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationService

/// SMTP AUTH against a real aiosmtpd that demands a login (`mail-sink.py --auth-user/--auth-password`,
/// on 127.0.0.1 without TLS): the right password delivers, a wrong one stops the email as failed
/// with the server's own reply, which the outbox page shows.
@Suite("SMTP AUTH", .serialized)
struct SMTPAuthTests {
    static func sink() throws -> MailSink {
        try MailSink(extraArguments: ["--auth-user", "arianna-mailer", "--auth-password", "corretta-123"])
    }

    @Test func theRightPassword_delivers() async throws {
        let sink = try Self.sink()
        defer { sink.remove() }
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-auth-ok", as: AriannaEvent.ticketOpened))

        try await SMTPDeliveryTests.worker(
            service, sink: sink,
            extra: [
                MailConfiguration.Key.user: "arianna-mailer", MailConfiguration.Key.password: "corretta-123"
            ]
        ).deliverDueEmails(renderer: try EmailRenderer.bundled())

        #expect(try sink.parsedMessages().map(\.envelopeTo) == ["facilities@rossi.example"])
        let job = try #require(try await service.jobs().first)
        #expect(job.status == .sent)
    }

    @Test func aWrongPassword_failsWithTheServersReply_shownOnTheOutbox() async throws {
        let sink = try Self.sink()
        defer { sink.remove() }
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-auth-bad", as: AriannaEvent.ticketOpened))

        try await SMTPDeliveryTests.worker(
            service, sink: sink,
            extra: [
                MailConfiguration.Key.user: "arianna-mailer", MailConfiguration.Key.password: "sbagliata"
            ]
        ).deliverDueEmails(renderer: try EmailRenderer.bundled())

        // Then nothing was stored, and the job stops as failed with aiosmtpd's 535
        #expect(try sink.messageFiles().isEmpty)
        let job = try #require(try await service.jobs().first)
        #expect(job.status == .failed)
        #expect(job.nextAttemptAt == nil)
        let reply = try #require(job.lastError)
        #expect(reply.contains("535 5.7.8 Authentication credentials invalid"), "\(reply)")

        // and the outbox page shows the reply on the message
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/outbox/\(job.id)", method: .get, headers: [.accept: "text/html", .acceptLanguage: "en"]
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("535 5.7.8 Authentication credentials invalid"))
                #expect(html.contains("<strong id=\"outbox-message-state\">failed</strong>"))
            }
        }
    }

    @Test func noLoginConfigured_isRefusedByAServerThatDemandsOne() async throws {
        let sink = try Self.sink()
        defer { sink.remove() }
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-auth-none", as: AriannaEvent.ticketOpened))

        try await SMTPDeliveryTests.worker(service, sink: sink).deliverDueEmails(renderer: try EmailRenderer.bundled())

        #expect(try sink.messageFiles().isEmpty)
        let job = try #require(try await service.jobs().first)
        #expect(job.status == .failed)
        #expect(job.lastError?.contains("530 5.7.0 Authentication required") == true, "\(job.lastError ?? "")")
    }
}
