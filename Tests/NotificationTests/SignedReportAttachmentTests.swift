import AriannaProtocol
import Foundation
import GRDB
import Logging
import NotificationDomain
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationService

/// The signed report (`intervention.report-issued.v1`, published by web-report just before
/// `intervention.closed.v1`) travels as a PDF attachment of the customer's "intervention
/// completed" email only, sent to a real aiosmtpd and read back with Python's `email`; the PDF
/// leaves the store once that email is sent, or when the visit was not a completion.
@Suite("Signed report attached to the completed email", .serialized)
struct SignedReportAttachmentTests {
    /// A small PDF-looking file with every byte value, so any re-encoding would show.
    static let pdf: Data = Data("%PDF-1.4\n".utf8) + Data((0...255).map(UInt8.init)) + Data("\n%%EOF\n".utf8)

    static func issued(reportID: String = "rep-1") -> InterventionReportIssued {
        InterventionReportIssued(
            reportID: reportID, appointmentID: "app-5", ticketID: "tck-123", fileName: "rapporto-TCK-2026-000123.pdf",
            pdfBase64: pdf.base64EncodedString(), photosIncluded: true, issuedAt: Instant.morningEnd)
    }

    static func closed(reportID: String = "rep-1", outcome: InterventionOutcome = .completed) -> InterventionClosed {
        InterventionClosed(
            reportID: reportID, appointmentID: "app-5", ticketID: "tck-123", operatorID: "op-3",
            workDone: "Sostituita la pompa",
            workedMinutes: 50, materials: [], closedAt: Instant.morningEnd, outcome: outcome,
            reportURL: "https://report.example/r/rep-1?signature=abc")
    }

    static func documents(_ service: TestService) async throws -> [String] {
        try await service.database.read { db in try String.fetchAll(db, sql: "SELECT reportID FROM reportDocument") }
    }

    @Test func theCustomersEmail_carriesThePDF_byteForByte_andTheLink() async throws {
        // Given a ticket, a mailing list that follows completions, the report, then the closed intervention
        let sink = try MailSink()
        defer { sink.remove() }
        let service = try TestService()
        try await service.deliver(
            .mock(
                MailingListSnapshot(
                    id: "ml-1", name: "Qualità", addresses: ["qualita@rossi.example"], practiceIDs: [],
                    activityTypeIDs: [],
                    events: ["intervention-completed"], active: true),
                id: "evt-ml", as: AriannaEvent.mailingListSnapshot))
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-open", as: AriannaEvent.ticketOpened))
        try await service.deliver(.mock(Self.issued(), id: "evt-pdf", as: AriannaEvent.interventionReportIssued))
        try await service.deliver(.mock(Self.closed(), id: "evt-closed", as: AriannaEvent.interventionClosed))
        #expect(try await Self.documents(service) == ["rep-1"])

        // When the worker sends everything
        try await SMTPDeliveryTests.worker(service, sink: sink).deliverDueEmails(renderer: try EmailRenderer.bundled())

        // Then the customer's completed email has the PDF part with the event's exact bytes and the link
        let messages = try sink.parsedMessages()
        let completed = try #require(
            messages.first {
                $0.envelopeTo == "facilities@rossi.example" && $0.subject.hasPrefix("Intervento completato")
            })
        #expect(completed.defects.isEmpty)
        let attachment = try #require(completed.part("application/pdf"))
        #expect(attachment.filename == "rapporto-TCK-2026-000123.pdf")
        #expect(attachment.data.flatMap { Data(base64Encoded: $0) } == Self.pdf)
        #expect(completed.part("text/plain")?.text?.contains("https://report.example/r/rep-1?signature=abc") == true)
        // and the mailing list's copy does not carry it
        let listCopy = try #require(messages.first { $0.envelopeTo == "qualita@rossi.example" })
        #expect(listCopy.part("application/pdf") == nil)
        // and the PDF is gone from the store once the customer's email is sent
        #expect(try await Self.documents(service).isEmpty)
    }

    @Test func thePDFStays_whileTheCustomersEmailWaitsForARetry() async throws {
        let sink = try MailSink()
        defer { sink.remove() }
        try sink.answer(["451 4.3.0 try again later"])
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-open", as: AriannaEvent.ticketOpened))
        try await service.store.database.write { db in try db.execute(sql: "UPDATE emailJob SET status = 'sent'") }
        try await service.deliver(.mock(Self.issued(), id: "evt-pdf", as: AriannaEvent.interventionReportIssued))
        try await service.deliver(.mock(Self.closed(), id: "evt-closed", as: AriannaEvent.interventionClosed))

        try await SMTPDeliveryTests.worker(service, sink: sink).deliverDueEmails(renderer: try EmailRenderer.bundled())
        #expect(try await Self.documents(service) == ["rep-1"])

        try await SMTPDeliveryTests.worker(service, sink: sink, now: Instant.now.addingTimeInterval(2))
            .deliverDueEmails(renderer: try EmailRenderer.bundled())
        let message = try #require(try sink.parsedMessages().first)
        #expect(message.part("application/pdf")?.data.flatMap { Data(base64Encoded: $0) } == Self.pdf)
        #expect(try await Self.documents(service).isEmpty)
    }

    @Test func onlyAWebAddress_becomesTheReportLink() throws {
        var facts = EmailFacts(customerName: "Rossi", ticketNumber: "TCK/2026/000123", start: Instant.morningEnd)
        facts.reportURL = "javascript:alert(1)"
        let content = try EmailRenderer.bundled().render(.interventionCompleted, facts: facts, timeZone: rome)
        #expect(!(content.html ?? "").contains("javascript:"))
        #expect(!content.body.contains("javascript:"))
    }

    @Test func anotherVisitNeeded_dropsThePDF_andAnOldUnusedOneIsPruned() async throws {
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-open", as: AriannaEvent.ticketOpened))
        try await service.deliver(.mock(Self.issued(), id: "evt-pdf-1", as: AriannaEvent.interventionReportIssued))
        try await service.deliver(
            .mock(Self.closed(outcome: .anotherVisitNeeded), id: "evt-closed-1", as: AriannaEvent.interventionClosed))
        #expect(try await Self.documents(service).isEmpty)

        // A report whose closed event never comes is kept for the retention, then deleted
        try await service.deliver(
            .mock(Self.issued(reportID: "rep-9"), id: "evt-pdf-9", as: AriannaEvent.interventionReportIssued))
        #expect(try await service.store.pruneReportDocuments(receivedBefore: Instant.now) == 0)
        #expect(try await service.store.pruneReportDocuments(receivedBefore: Instant.now.addingTimeInterval(1)) == 1)
        #expect(try await Self.documents(service).isEmpty)
    }
}
