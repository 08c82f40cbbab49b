import AriannaProtocol
import Foundation
import Logging
import NotificationDomain
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationService

@Suite("Email worker")
struct EmailWorkerTests {
    /// A fresh folder under the system's temporary directory, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "arianna-notification-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func worker(_ service: TestService, transport: any MailTransport, outbox: URL) -> EmailWorker {
        EmailWorker(
            store: service.store, transport: transport,
            settings: {
                var settings = MailSettings(from: "Assistenza Rossi <assistenza@arianna.example>", outboxFolder: outbox)
                settings.retry.jitter = 0
                return settings
            }(),
            timeZone: rome, clock: service.context.clock, logger: Logger(label: "test.worker"))
    }

    @Test func writesAnRFC5322File_andMarksTheJobSent() async throws {
        // Given
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let service = try TestService(dataDirectory: folder)
        try await service.knowTicket()
        try await service.deliver(
            .mock(AppointmentScheduled.mock(), id: "evt-1", as: AriannaEvent.appointmentScheduled))
        let outbox = MailSettings(configuration: service.context.configuration, mail: .localDefault).outboxFolder
        let worker = Self.worker(service, transport: FileMailTransport(folder: outbox), outbox: outbox)

        // When
        let handled = try await worker.deliverDueEmails(renderer: try EmailRenderer.bundled())

        // Then: one file, named after the job, and nothing half-written left behind
        #expect(handled == 1)
        #expect(outbox.path == folder.appendingPathComponent("outbox").path)
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
        #expect(files == ["email-1.eml"])
        let text = try String(contentsOf: outbox.appendingPathComponent("email-1.eml"), encoding: .utf8)
        let (head, body) = try #require(Self.split(text))
        #expect(head["From"] == "Assistenza Rossi <assistenza@arianna.example>")
        #expect(head["To"] == "\"Rossi Impianti S.r.l.\" <facilities@rossi.example>")
        #expect(head["Subject"] == "Appuntamento il 30/11/2026 alle 10:00")
        #expect(head["Date"] == "Sun, 29 Nov 2026 11:15:00 +0100")
        #expect(head["Message-ID"] == "<email-1@arianna.example>")
        #expect(head["MIME-Version"] == "1.0")
        #expect(head["Content-Type"] == "text/plain; charset=utf-8")
        #expect(head["Content-Transfer-Encoding"] == "8bit")
        #expect(body.contains("Tecnico: Giulia Bianchi"))
        #expect(body.contains("Data: 30/11/2026, dalle 10:00 alle 11:30"))
        #expect(!body.contains("Date:"), "one language per message")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")

        let job = try #require(try await service.jobs().first)
        #expect(job.status == .sent)
        #expect(job.attempts == 1)
        #expect(job.sentAt == Instant.now)
        #expect(job.subject == head["Subject"])
        #expect(job.body?.contains("Giulia Bianchi") == true)
    }

    @Test func backsOffAndKeepsTheError_whenTheTransportFails() async throws {
        // Given
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-2", as: AriannaEvent.ticketOpened))
        let worker = Self.worker(
            service, transport: RecordingTransport(fails: true), outbox: URL(fileURLWithPath: "/nonexistent"))

        // When
        try await worker.deliverDueEmails(renderer: try EmailRenderer.bundled())

        // Then
        let job = try #require(try await service.jobs().first)
        #expect(job.status == .queued)
        #expect(job.attempts == 1)
        #expect(job.lastError == "connection refused by mail.example:25")
        #expect(job.nextAttemptAt == Instant.now.addingTimeInterval(30))
        #expect(job.subject?.contains("TCK/2026/000123") == true, "what would have been sent is kept")

        // And: it is not due again before its backoff
        #expect(try await worker.deliverDueEmails(renderer: try EmailRenderer.bundled()) == 0)
    }

    @Test func keepsTheJobQueued_whenTheOutboxFolderCannotBeCreated() async throws {
        // Given: a regular file where the outbox folder should be
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocked = folder.appendingPathComponent("outbox")
        try Data("not a folder".utf8).write(to: blocked)
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-4", as: AriannaEvent.ticketOpened))
        let worker = Self.worker(service, transport: FileMailTransport(folder: blocked), outbox: blocked)

        // When
        try await worker.deliverDueEmails(renderer: try EmailRenderer.bundled())

        // Then
        let job = try #require(try await service.jobs().first)
        #expect(job.status == .queued)
        #expect(job.attempts == 1)
        #expect(job.lastError?.isEmpty == false)
    }

    @Test func givesUp_afterTheLastAttempt() async throws {
        // Given: a job that has failed all but one of its attempts
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-3", as: AriannaEvent.ticketOpened))
        try await service.database.write { db in
            try db.execute(sql: "UPDATE emailJob SET attempts = ?", arguments: [RetryPolicy().maxAttempts - 1])
        }
        let worker = Self.worker(
            service, transport: RecordingTransport(fails: true), outbox: URL(fileURLWithPath: "/nonexistent"))

        // When
        try await worker.deliverDueEmails(renderer: try EmailRenderer.bundled())

        // Then
        let job = try #require(try await service.jobs().first)
        #expect(job.status == .failed)
        #expect(job.nextAttemptAt == nil)
        #expect(job.lastError != nil)
    }

    @Test func doublesTheDelay_upToTheCap() {
        var policy = RetryPolicy()
        policy.jitter = 0
        #expect(policy.nextAttempt(afterFailedAttempts: 1, at: Instant.now) == Instant.now.addingTimeInterval(30))
        #expect(policy.nextAttempt(afterFailedAttempts: 2, at: Instant.now) == Instant.now.addingTimeInterval(60))
        #expect(policy.nextAttempt(afterFailedAttempts: 4, at: Instant.now) == Instant.now.addingTimeInterval(240))
        #expect(policy.nextAttempt(afterFailedAttempts: 9, at: Instant.now) == Instant.now.addingTimeInterval(3600))
        #expect(policy.nextAttempt(afterFailedAttempts: 10, at: Instant.now) == nil)
    }

    @Test func jitter_shortensTheWaitByAtMostItsFraction() throws {
        let policy = RetryPolicy()  // 20 % jitter
        for _ in 0..<50 {
            let next = try #require(policy.nextAttempt(afterFailedAttempts: 3, at: Instant.now))
            let wait = next.timeIntervalSince(Instant.now)
            #expect(wait >= 96 && wait <= 120)
        }
    }

    /// Headers (unfolded) and body of an RFC 5322 message.
    static func split(_ text: String) -> (headers: [String: String], body: String)? {
        guard let range = text.range(of: "\r\n\r\n") else { return nil }
        var headers: [String: String] = [:]
        let unfolded = text[..<range.lowerBound].replacingOccurrences(of: "\r\n ", with: " ")
        for line in unfolded.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(
                in: .whitespaces)
        }
        return (headers, String(text[range.upperBound...]))
    }
}
