import AriannaProtocol
import Foundation
import Logging
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationService

/// The contact of the ticket's site (its email from intake's customer setup, the site from
/// `ticket.opened.v1`'s `siteID`) receives the customer's emails too, exactly once per event,
/// in the customer's language, with the signed report; not when the setting leaves them out or
/// the site has no email; a contact address that is not one is a failed job with the reason.
@Suite("The site's contact as a recipient", .serialized)
struct SiteContactTests {
    static func customer(contact: String?, language: String? = nil) -> CustomerSnapshot {
        CustomerSnapshot(
            customerID: "cus-42", name: "Rossi Impianti S.r.l.", email: "facilities@rossi.example", phone: nil,
            active: true,
            sites: [
                .init(
                    siteID: "site-1", name: "Magazzino Rossi", address: "Via Po 3", zone: "Monza", active: true,
                    contactEmail: contact),
                .init(siteID: "site-2", name: "Sede", address: "Via Roma 1", zone: "Milano", active: true)
            ],
            language: language)
    }

    static func ticket(siteID: String? = "site-1") -> TicketOpened {
        var ticket = TicketOpened.mock()
        ticket.siteID = siteID
        return ticket
    }

    @Test func theSitesContact_getsTheCustomersEmails_once_inTheCustomersLanguage_withTheSignedReport() async throws {
        let sink = try MailSink()
        defer { sink.remove() }
        let service = try TestService()
        try await service.deliver(
            .mock(
                Self.customer(contact: "magazzino@rossi.example", language: "en"), id: "setup-1",
                as: AriannaEvent.customerSnapshot))
        try await service.deliver(.mock(Self.ticket(), id: "evt-open", as: AriannaEvent.ticketOpened))
        try await service.deliver(.mock(Self.ticket(), id: "evt-open", as: AriannaEvent.ticketOpened))
        try await service.deliver(
            .mock(SignedReportAttachmentTests.issued(), id: "evt-pdf", as: AriannaEvent.interventionReportIssued))
        try await service.deliver(
            .mock(SignedReportAttachmentTests.closed(), id: "evt-closed", as: AriannaEvent.interventionClosed))

        try await SMTPDeliveryTests.worker(service, sink: sink).deliverDueEmails(renderer: try EmailRenderer.bundled())

        let contact = try sink.parsedMessages().filter { $0.envelopeTo == "magazzino@rossi.example" }
        #expect(
            contact.map(\.subject).sorted() == [
                "Visit completed for request TCK/2026/000123", "We received your request TCK/2026/000123"
            ])
        #expect(contact.first?.to == "Magazzino Rossi <magazzino@rossi.example>")
        let completed = try #require(contact.first { $0.subject.hasPrefix("Visit completed") })
        #expect(
            completed.part("application/pdf")?.data.flatMap { Data(base64Encoded: $0) }
                == SignedReportAttachmentTests.pdf)
        #expect(try await service.jobs().filter { $0.recipientRole == .siteContact }.count == 2)
        // the PDF waited for both the customer's and the contact's email
        #expect(try await SignedReportAttachmentTests.documents(service).isEmpty)
    }

    @Test func noContactEmail_noSite_sameAddressAsTheCustomer_orLeftOutBySetting_meansNoSecondEmail() async throws {
        let service = try TestService()
        // a site without an email
        try await service.deliver(.mock(Self.customer(contact: nil), id: "setup-1", as: AriannaEvent.customerSnapshot))
        try await service.deliver(.mock(Self.ticket(), id: "evt-1", as: AriannaEvent.ticketOpened))
        // a ticket without a site
        try await service.deliver(
            .mock(Self.customer(contact: "magazzino@rossi.example"), id: "setup-2", as: AriannaEvent.customerSnapshot))
        try await service.deliver(.mock(Self.ticket(siteID: nil), id: "evt-2", as: AriannaEvent.ticketOpened))
        // the contact is the customer's own address: one email, the customer's
        try await service.deliver(
            .mock(Self.customer(contact: "facilities@rossi.example"), id: "setup-3", as: AriannaEvent.customerSnapshot))
        try await service.deliver(.mock(Self.ticket(), id: "evt-3", as: AriannaEvent.ticketOpened))
        // the setting leaves the site's contact out of this type's new-ticket emails
        try await service.deliver(
            .mock(Self.customer(contact: "magazzino@rossi.example"), id: "setup-4", as: AriannaEvent.customerSnapshot))
        try await service.store.saveRecipientRules(
            activityTypeID: "at-7", [.ticketOpened: [.customer]], at: Instant.now)
        try await service.deliver(.mock(Self.ticket(), id: "evt-4", as: AriannaEvent.ticketOpened))

        let jobs = try await service.jobs()
        #expect(jobs.map(\.recipient) == Array(repeating: "facilities@rossi.example", count: 4))
        #expect(jobs.map(\.recipientRole) == Array(repeating: .customer, count: 4))
    }

    @Test func aContactAddressThatIsNotOne_isAFailedJobWithTheReason() async throws {
        let service = try TestService()
        try await service.deliver(
            .mock(Self.customer(contact: "magazzino at rossi"), id: "setup-1", as: AriannaEvent.customerSnapshot))
        try await service.deliver(.mock(Self.ticket(), id: "evt-1", as: AriannaEvent.ticketOpened))

        let contact = try #require(try await service.jobs().first { $0.recipientRole == .siteContact })
        #expect(contact.status == .failed)
        #expect(contact.recipient == "site:site-1")
        #expect(contact.lastError?.contains("The contact of site Magazzino Rossi has no valid email address") == true)
    }
}
