import AriannaProtocol
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import IntakeDomain
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// `ticket.attachment-added.v1`: written through the outbox in the attachment row's own
/// transaction (an upload, an email), never without its row; and the technician who opens the
/// link from web-report's appointment page downloads the file with their `tickets.read`.
@Suite struct AttachmentEventTests {
    @Test func anUpload_writesOneEventPerFile_withTheRow() async throws {
        let fixture = try await IntakeFixture(onDisk: true)
        let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)
        let folder = AttachmentFolder(context: fixture.context)

        let records = try await fixture.store.attach(
            [
                IncomingAttachment(declaredName: "foto.jpg", bytes: AttachmentTests.jpeg),
                IncomingAttachment(declaredName: "fattura.pdf", bytes: AttachmentTests.pdf)
            ],
            toTicket: ticket.id, addedBy: "u-1", folder: folder)

        let events = try await fixture.outbox(type: TicketAttachmentAdded.eventType)
        let added = events.compactMap { received -> TicketAttachmentAdded? in
            guard case .ticketAttachmentAdded(let event) = received.event else { return nil }
            return event
        }
        #expect(
            added
                == records.map {
                    TicketAttachmentAdded(
                        ticketID: ticket.id, attachmentID: $0.id, fileName: $0.fileName,
                        contentType: $0.contentType, byteCount: $0.byteCount, addedAt: IntakeFixture.now)
                })
        #expect(added.map(\.fileName) == ["foto.jpg", "fattura.pdf"])
        #expect(added.map(\.contentType) == ["image/jpeg", "application/pdf"])
        #expect(events.allSatisfy { $0.metadata.subject == ticket.id })
    }

    @Test func aRefusedUpload_writesNeitherRowNorEvent() async throws {
        let fixture = try await IntakeFixture(onDisk: true)
        let folder = AttachmentFolder(context: fixture.context)
        // the ticket does not exist: the transaction fails after the file was written
        await #expect(throws: IntakeError.self) {
            _ = try await fixture.store.attach(
                [IncomingAttachment(declaredName: "a.pdf", bytes: AttachmentTests.pdf)], toTicket: "tck-none",
                addedBy: nil, folder: folder)
        }
        // a program is refused by its content before anything is written
        let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)
        await #expect(throws: AttachmentError.self) {
            _ = try await fixture.store.attach(
                [
                    IncomingAttachment(declaredName: "a.pdf", bytes: AttachmentTests.pdf),
                    IncomingAttachment(declaredName: "b.pdf", bytes: AttachmentTests.elf)
                ], toTicket: ticket.id,
                addedBy: nil, folder: folder)
        }
        #expect(try await fixture.outbox(type: TicketAttachmentAdded.eventType).isEmpty)
        #expect(try await fixture.store.attachments(ofTicket: ticket.id).isEmpty)
    }

    @Test func anEmailsFiles_arePublished_afterItsTicketOpened() async throws {
        let mailbox = try await AttachmentTests.Mailbox()
        let ticketID = try await mailbox.deliver(
            AttachmentTests.email(
                id: "event@nuovo.example",
                files: [
                    (
                        "Content-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"foto.jpg\"",
                        AttachmentTests.jpeg
                    ),
                    (
                        "Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"fattura.pdf\"",
                        AttachmentTests.pdf
                    )
                ]))
        let records = try await mailbox.intake.store.attachments(ofTicket: ticketID)
        let sequence = try await mailbox.intake.context.database.read { db in
            try String.fetchAll(
                db, sql: "SELECT eventType FROM outbox WHERE messageKey = ? ORDER BY sequence", arguments: [ticketID])
        }
        #expect(sequence == [TicketOpened.eventType, TicketAttachmentAdded.eventType, TicketAttachmentAdded.eventType])
        let added = try await mailbox.intake.outbox(type: TicketAttachmentAdded.eventType).compactMap {
            received -> String? in
            guard case .ticketAttachmentAdded(let event) = received.event else { return nil }
            return event.attachmentID
        }
        #expect(added == records.map(\.id))
    }

    /// The technician's link on the appointment page: a user with `tickets.read` and
    /// `reports.fill` (the demo technicians: no practices, so every ticket) downloads the file;
    /// a technician of the ticket's practice too; one of another practice gets 404.
    @Test func aTechnician_downloadsTheTicketsFile_anotherPracticesGets404() async throws {
        let fixture = try await IntakeFixture(onDisk: true)
        let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)
        let practice = try #require(try await fixture.store.ticket(id: ticket.id).practiceID)
        let record = try #require(
            try await fixture.store.attach(
                [IncomingAttachment(declaredName: "foto.jpg", bytes: AttachmentTests.jpeg)], toTicket: ticket.id,
                addedBy: nil,
                folder: AttachmentFolder(context: fixture.context)
            ).first)
        let uri = "/api/tickets/\(ticket.id)/attachments/\(record.id)"
        let technician = try await fixture.session([.ticketsRead, .reportsFill], practiceIDs: [])
        let practiceTechnician = try await fixture.session([.ticketsRead, .reportsFill], practiceIDs: [practice])
        let elsewhere = try await fixture.session([.ticketsRead, .reportsFill], practiceIDs: ["pr-elsewhere"])
        let reportsOnly = try await fixture.session([.reportsFill], practiceIDs: [])
        try await Application(router: fixture.router).test(.router) { client in
            for user in [technician, practiceTechnician] {
                // the browser follows the page's link with the session cookie
                try await client.authenticated(as: user).execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(Array(response.body.readableBytesView) == AttachmentTests.jpeg)
                    #expect(response.headers[.contentType] == "image/jpeg")
                }
            }
            try await client.authenticated(as: elsewhere).execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(
                    response.body.readableBytes < 2_000
                        && !Array(response.body.readableBytesView).starts(with: AttachmentTests.jpeg))
            }
            try await client.authenticated(as: reportsOnly).execute(uri: uri, method: .get) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}
