import AriannaProtocol
import Foundation
import Logging
import ServiceKit
import Testing

@testable import NotificationService

/// Each email is in its recipient's language only: a customer's from intake's customer setup
/// (`setup.customer.v1`'s `language`), Italian when it has none; staff read Italian. Checked on
/// what a real aiosmtpd received, parsed by Python's `email` package.
@Suite("Emails in the customer's language", .serialized)
struct CustomerLanguageTests {
    static func customer(_ id: String, language: String?) -> CustomerSnapshot {
        CustomerSnapshot(
            customerID: id, name: "Customer \(id)", email: "\(id)@example.org", phone: nil, active: true,
            sites: [.init(siteID: "\(id)-site", name: "Main", address: "High St 1", zone: "Milano", active: true)],
            language: language)
    }

    @Test func anEnglishCustomer_readsEnglish_anItalianOneOrOneWithoutALanguage_readsItalian() async throws {
        let sink = try MailSink()
        defer { sink.remove() }
        let service = try TestService()
        try await service.deliver(
            .mock(Self.customer("cus-en", language: "en"), id: "setup-en", as: AriannaEvent.customerSnapshot))
        try await service.deliver(
            .mock(Self.customer("cus-it", language: "it"), id: "setup-it", as: AriannaEvent.customerSnapshot))
        for id in ["cus-en", "cus-it", "cus-none"] {
            var ticket = TicketOpened.mock(
                customer: CustomerRef(id: id, name: "Customer \(id)", email: "\(id)@example.org"))
            ticket.ticketID = "tck-\(id)"
            try await service.deliver(.mock(ticket, id: "evt-\(id)", as: AriannaEvent.ticketOpened))
        }

        try await SMTPDeliveryTests.worker(service, sink: sink).deliverDueEmails(renderer: try EmailRenderer.bundled())

        let messages = Dictionary(uniqueKeysWithValues: try sink.parsedMessages().map { ($0.envelopeTo, $0) })
        let english = try #require(messages["cus-en@example.org"])
        #expect(english.subject == "We received your request TCK/2026/000123")
        #expect(english.part("text/plain")?.text?.contains("Dear Customer cus-en,") == true)
        #expect(english.part("text/plain")?.text?.contains("Gentile") == false)
        #expect(english.part("text/html")?.text?.contains("<html lang=\"en\">") == true)
        for id in ["cus-it", "cus-none"] {
            let italian = try #require(messages["\(id)@example.org"])
            #expect(italian.subject == "Richiesta TCK/2026/000123 ricevuta")
            #expect(italian.part("text/plain")?.text?.contains("Dear") == false)
            #expect(italian.part("text/html")?.text?.contains("<html lang=\"it\">") == true)
        }
    }

    @Test func aLaterChangeOfLanguage_appliesToTheNextEmails() async throws {
        let service = try TestService()
        try await service.deliver(
            .mock(Self.customer("cus-42", language: "en"), id: "setup-1", as: AriannaEvent.customerSnapshot))
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-1", as: AriannaEvent.ticketOpened))
        try await service.deliver(
            .mock(Self.customer("cus-42", language: nil), id: "setup-2", as: AriannaEvent.customerSnapshot))
        try await service.deliver(
            .mock(AppointmentScheduled.mock(), id: "evt-2", as: AriannaEvent.appointmentScheduled))

        let customerJobs = try await service.jobs().filter { $0.recipientRole == .customer }
        #expect(customerJobs.map(\.facts.language) == ["en", nil])
        let technician = try await service.jobs().filter { $0.recipientRole == .technician }
        #expect(technician.allSatisfy { $0.facts.language == nil }, "staff read Italian")
    }
}
