import AriannaProtocol
import Foundation
import Logging
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationService

/// Delivery to a real SMTP server (aiosmtpd, started by each test), each message read back with
/// Python's `email` package: the 250 marks the job sent, 4xx and a server that is down are
/// retried, 5xx stops the job as failed with the server's reply.
@Suite("SMTP delivery through libcurl", .serialized)
struct SMTPDeliveryTests {
    /// A worker on `service`'s store sending to `sink`, with its clock at `now` and 1 s first retry, no jitter.
    static func worker(
        _ service: TestService, sink: MailSink, now: Date = Instant.now, extra: [String: String] = [:]
    ) throws -> EmailWorker {
        let mail = try MailConfiguration(
            values: extra.merging([
                MailConfiguration.Key.port: "\(sink.port)", MailConfiguration.Key.timeout: "5",
                MailConfiguration.Key.from: "Assistenza Rossi <assistenza@arianna.example>",
                MailConfiguration.Key.replyTo: "ufficio@arianna.example",
                MailConfiguration.Key.envelopeSender: "bounces@arianna.example",
                MailConfiguration.Key.retrySeconds: "1", MailConfiguration.Key.maxAttempts: "3",
                MailConfiguration.Key.signature: "Rossi Assistenza\\nVia Roma 1, Milano"
            ]) { first, _ in first })
        var settings = MailSettings(configuration: service.context.configuration, mail: mail)
        settings.retry.jitter = 0
        return EmailWorker(
            store: service.store, transport: mail.makeTransport(outboxFolder: settings.outboxFolder),
            settings: settings,
            timeZone: rome, clock: .fixed(now), logger: Logger(label: "test.smtp"))
    }

    @Test func sendsAMultipartAlternativeMessage_andMarksItSentAfterThe250() async throws {
        // Given a queued appointment email and a listening server
        let sink = try MailSink()
        defer { sink.remove() }
        let service = try TestService()
        try await service.knowTicket()
        try await service.deliver(
            .mock(AppointmentScheduled.mock(), id: "evt-1", as: AriannaEvent.appointmentScheduled))

        // When the worker runs one round
        try await Self.worker(service, sink: sink).deliverDueEmails(renderer: try EmailRenderer.bundled())

        // Then the server holds one well-formed message with text and HTML alternatives
        let messages = try sink.parsedMessages()
        #expect(messages.count == 1)
        let message = try #require(messages.first)
        #expect(message.defects.isEmpty)
        #expect(message.envelopeFrom == "bounces@arianna.example")
        #expect(message.envelopeTo == "facilities@rossi.example")
        #expect(message.subject == "Appuntamento il 30/11/2026 alle 10:00")
        #expect(message.from == "Assistenza Rossi <assistenza@arianna.example>")
        #expect(message.to == "\"Rossi Impianti S.r.l.\" <facilities@rossi.example>")
        #expect(message.replyTo == "ufficio@arianna.example")
        #expect(message.messageID == "<email-1@arianna.example>")
        #expect(
            message.parts.map(\.type).prefix(4) == [
                "multipart/mixed", "multipart/alternative", "text/plain", "text/html"
            ])
        #expect(message.part("text/plain")?.charset == "utf-8")
        #expect(message.part("text/plain")?.text?.contains("Tecnico: Giulia Bianchi") == true)
        #expect(message.part("text/html")?.text?.contains("Tecnico: Giulia Bianchi") == true)
        #expect(
            message.part("text/plain")?.text?.hasSuffix("Rossi Assistenza\nVia Roma 1, Milano\n") == true,
            "the configured signature")

        let job = try #require(try await service.jobs().first)
        #expect(job.status == .sent)
        #expect(job.attempts == 1)
        #expect(job.html?.contains("<p>") == true)
    }

    @Test func nonASCIINamesAndUserText_arriveIntact() async throws {
        let sink = try MailSink()
        defer { sink.remove() }
        let service = try TestService()
        var ticket = TicketOpened.mock(
            customer: CustomerRef(id: "cus-7", name: "Società Nicolò", email: "nicolo@rossi.example"))
        ticket.description = "La caldaia <b>fa</b> rumore & perde acqua — urgente"
        try await service.deliver(.mock(ticket, id: "evt-utf", as: AriannaEvent.ticketOpened))

        try await Self.worker(service, sink: sink).deliverDueEmails(renderer: try EmailRenderer.bundled())

        let message = try #require(try sink.parsedMessages().first)
        #expect(message.to == "Società Nicolò <nicolo@rossi.example>")
        #expect(
            message.part("text/plain")?.text?.contains("La caldaia <b>fa</b> rumore & perde acqua — urgente") == true)
        #expect(
            message.part("text/html")?.text?.contains(
                "La caldaia &lt;b&gt;fa&lt;/b&gt; rumore &amp; perde acqua — urgente") == true)
    }

    @Test func a4xxThenA250_deliversExactlyOneMessage() async throws {
        // Given a server that answers the first message with 451
        let sink = try MailSink()
        defer { sink.remove() }
        try sink.answer(["451 4.3.0 mailbox busy, try later"])
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-2", as: AriannaEvent.ticketOpened))
        let renderer = try EmailRenderer.bundled()

        // When the first attempt meets the 451
        try await Self.worker(service, sink: sink).deliverDueEmails(renderer: renderer)

        // Then the job waits for a retry with the server's reply, and nothing was stored
        let waiting = try #require(try await service.jobs().first)
        #expect(waiting.status == .queued)
        #expect(waiting.attempts == 1)
        #expect(waiting.lastError?.contains("451 4.3.0 mailbox busy") == true)
        #expect(waiting.nextAttemptAt == Instant.now.addingTimeInterval(1))
        #expect(try sink.messageFiles().isEmpty)

        // When the retry is due and the server accepts
        try await Self.worker(service, sink: sink, now: Instant.now.addingTimeInterval(2)).deliverDueEmails(
            renderer: renderer)

        // Then exactly one message arrived and the job is sent after two attempts
        #expect(try sink.parsedMessages().count == 1)
        let sent = try #require(try await service.jobs().first)
        #expect(sent.status == .sent)
        #expect(sent.attempts == 2)
        #expect(sent.lastError == nil)
    }

    @Test func a5xx_stopsTheJobAsFailedWithTheServersReply() async throws {
        let sink = try MailSink()
        defer { sink.remove() }
        try sink.answer(["554 5.7.1 message refused by policy"])
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-3", as: AriannaEvent.ticketOpened))

        try await Self.worker(service, sink: sink).deliverDueEmails(renderer: try EmailRenderer.bundled())

        let job = try #require(try await service.jobs().first)
        #expect(job.status == .failed)
        #expect(job.attempts == 1)
        #expect(job.nextAttemptAt == nil)
        #expect(job.lastError?.contains("554 5.7.1 message refused by policy") == true)
        #expect(try sink.messageFiles().isEmpty)
    }

    @Test func aServerThatIsDown_isRetried_thenSentWhenItComesBack() async throws {
        // Given a server that is stopped
        let sink = try MailSink()
        defer { sink.remove() }
        sink.stop()
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-4", as: AriannaEvent.ticketOpened))
        let renderer = try EmailRenderer.bundled()

        // When the worker tries twice while it is down
        try await Self.worker(service, sink: sink).deliverDueEmails(renderer: renderer)
        try await Self.worker(service, sink: sink, now: Instant.now.addingTimeInterval(2)).deliverDueEmails(
            renderer: renderer)

        // Then the job keeps waiting, backing off (1 s, then 2 s)
        let waiting = try #require(try await service.jobs().first)
        #expect(waiting.status == .queued)
        #expect(waiting.attempts == 2)
        #expect(waiting.nextAttemptAt == Instant.now.addingTimeInterval(2 + 2))
        #expect(waiting.lastError?.isEmpty == false)

        // When the server is back on the same port and the retry is due
        try sink.start()
        try await Self.worker(service, sink: sink, now: Instant.now.addingTimeInterval(5)).deliverDueEmails(
            renderer: renderer)

        // Then one message arrived
        #expect(try sink.parsedMessages().count == 1)
        let sent = try #require(try await service.jobs().first)
        #expect(sent.status == .sent)
        #expect(sent.attempts == 3)
    }

    @Test func appointmentEmails_carryACalendarInvitation_sameUIDGrowingSequence_cancelOnCancellation() async throws {
        // Given an appointment with a long title full of characters iCalendar escapes, scheduled, moved and cancelled
        let sink = try MailSink()
        defer { sink.remove() }
        let service = try TestService()
        var scheduled = AppointmentScheduled.mock()
        scheduled.title =
            "Riparazione caldaia, piano terra; chiedere di Nicolò \\ portineria — accesso dal cortile interno"
        try await service.knowTicket()
        try await service.deliver(.mock(scheduled, id: "evt-s", as: AriannaEvent.appointmentScheduled))
        try await service.deliver(.mock(AppointmentMoved.mock(), id: "evt-m", as: AriannaEvent.appointmentMoved))
        try await service.deliver(
            .mock(AppointmentCancelled.mock(), id: "evt-c", as: AriannaEvent.appointmentCancelled))

        // When the worker sends the customer's three emails
        try await Self.worker(service, sink: sink).deliverDueEmails(renderer: try EmailRenderer.bundled())

        // Then Python's icalendar reads three invitations for the same UID: REQUEST 0, REQUEST 1, CANCEL 2
        let messages = try sink.parsedMessages().filter { $0.envelopeTo == "facilities@rossi.example" }
        #expect(messages.count == 3)
        let calendars = messages.compactMap(\.calendars.first)
        #expect(calendars.map(\.method) == ["REQUEST", "REQUEST", "CANCEL"])
        let events = calendars.compactMap(\.events.first)
        #expect(events.map(\.uid) == Array(repeating: "app-5@arianna.example", count: 3))
        #expect(events.map(\.sequence) == [0, 1, 2])
        #expect(events.map(\.status) == ["CONFIRMED", "CONFIRMED", "CANCELLED"])
        #expect(
            events.first?.summary
                == "Riparazione caldaia, piano terra; chiedere di Nicolò \\ portineria — accesso dal cortile interno · TCK/2026/000123"
        )
        #expect(events.first?.start == "2026-11-30T09:00:00+00:00")
        #expect(events[1].start == "2026-12-01T14:00:00+00:00")
        #expect(messages.first?.parts.last?.type == "text/calendar")
        #expect(messages.first?.parts.last?.method == "REQUEST")
        #expect(messages.allSatisfy { $0.defects.isEmpty })
    }

    /// A self-signed certificate for 127.0.0.1 made with openssl, in `folder`: (certificate, key).
    static func certificate(in folder: URL) throws -> (cert: String, key: String) {
        let cert = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let openssl = try ChildProcess(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"
            ])
        _ = try openssl.output.readToEnd()
        #expect(openssl.wait() == 0)
        return (cert, key)
    }

    @Test(arguments: ["starttls", "tls"])
    func deliversOverTLS_trustingTheConfiguredAuthority(security: String) async throws {
        // Given a server that requires STARTTLS (or speaks TLS from the first byte) with its own certificate
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("arianna-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: keys) }
        let (cert, key) = try Self.certificate(in: keys)
        let sink = try MailSink(extraArguments: ["--security", security, "--cert", cert, "--key", key])
        defer { sink.remove() }
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-tls", as: AriannaEvent.ticketOpened))

        // When the worker sends with that security, trusting the certificate
        try await Self.worker(
            service, sink: sink,
            extra: [
                MailConfiguration.Key.security: security, MailConfiguration.Key.caFile: cert
            ]
        ).deliverDueEmails(renderer: try EmailRenderer.bundled())

        // Then it arrived
        #expect(try sink.parsedMessages().count == 1)
        #expect(try await service.jobs().first?.status == .sent)
    }
}
