import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import WebReportService

/// Issue 17, point 2: the ticket's files (intake's `ticket.attachment-added.v1`) on the
/// appointment page, each a link to intake's download route.
@Suite("Ticket files on the appointment page")
struct TicketFilesTests {
    static func added(_ attachmentID: String, ticketID: String = "tck-123", name: String, type: String, bytes: Int)
        -> ReceivedEvent
    {
        .mock(
            TicketAttachmentAdded(
                ticketID: ticketID, attachmentID: attachmentID, fileName: name, contentType: type,
                byteCount: bytes, addedAt: Instant.now),
            id: "evt-\(attachmentID)", as: AriannaEvent.ticketAttachmentAdded)
    }

    @Test func everyWord_isInBothLanguages() {
        #expect(TicketFileStrings.all.missingKeys(in: .it).isEmpty)
        #expect(TicketFileStrings.all.missingKeys(in: .en).isEmpty)
    }

    @Test func theHandler_keepsEachFileOnce_byTicket() async throws {
        let service = try TestService()
        try await service.deliver(Self.added("att-1", name: "foto.jpg", type: "image/jpeg", bytes: 48_213))
        try await service.deliver(Self.added("att-1", name: "foto.jpg", type: "image/jpeg", bytes: 48_213))
        try await service.deliver(
            Self.added("att-9", ticketID: "tck-other", name: "altro.pdf", type: "application/pdf", bytes: 10))

        let files = try await service.store.files(ofTicket: "tck-123")
        #expect(
            files == [
                TicketFileRecord(
                    attachmentID: "att-1", ticketID: "tck-123", fileName: "foto.jpg",
                    contentType: "image/jpeg", byteCount: 48_213, addedAt: Instant.now)
            ])
    }

    @Test func theAppointmentPage_listsTheTicketsFiles_linkingToIntake() async throws {
        let service = try await TechnicianPagesTests.service()
        try await service.deliver(Self.added("att-1", name: "foto caffè <1>.jpg", type: "image/jpeg", bytes: 48_213))
        try await service.deliver(Self.added("att-2", name: "fattura.pdf", type: "application/pdf", bytes: 900))
        try await service.deliver(
            Self.added("att-9", ticketID: "tck-other", name: "altro.pdf", type: "application/pdf", bytes: 10))
        let intake = service.context.configuration.intakeURL
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            try await giulia.execute(uri: "/appointments/app-5", method: .get, headers: TechnicianPagesTests.html) {
                response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("<h2 id=\"files-heading\">Ticket files</h2>"))
                #expect(
                    page.contains(
                        "<a href=\"\(intake)/api/tickets/tck-123/attachments/att-1\">foto caffè &lt;1&gt;.jpg</a> · image/jpeg · 48 KB"
                    ))
                #expect(
                    page.contains(
                        "<a href=\"\(intake)/api/tickets/tck-123/attachments/att-2\">fattura.pdf</a> · application/pdf · 900 B"
                    ))
                #expect(!page.contains("att-9"), "another ticket's file")
                #expect(page.range(of: "att-1")!.lowerBound < page.range(of: "att-2")!.lowerBound, "oldest first")
            }
            try await giulia.execute(
                uri: "/appointments/app-5", method: .get, headers: [.accept: "text/html", .acceptLanguage: "it"]
            ) { response in
                #expect(String(buffer: response.body).contains("File del ticket"))
            }
            // someone else's appointment stays closed, files and all
            let other = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-4")
            try await other.execute(uri: "/appointments/app-5", method: .get, headers: TechnicianPagesTests.html) {
                response in
                #expect(response.status == .forbidden)
                #expect(!String(buffer: response.body).contains("att-1"))
            }
        }
    }

    @Test func anAppointmentWithoutFiles_saysSo() async throws {
        let service = try await TechnicianPagesTests.service()
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            try await giulia.execute(uri: "/appointments/app-5", method: .get, headers: TechnicianPagesTests.html) {
                response in
                #expect(String(buffer: response.body).contains("No files attached to the ticket."))
            }
        }
    }

    @Test func theLink_keepsTheIDsInOneSegment_andTrimsTheSlash() {
        let record = TicketFileRecord(
            attachmentID: "a/../b", ticketID: "t 1", fileName: "x", contentType: "text/plain",
            byteCount: 3 * 1_048_576, addedAt: Instant.now)
        let link = TicketFileLink(record, intakeURL: "https://intake.example/")
        #expect(link.url == "https://intake.example/api/tickets/t%201/attachments/a%2F..%2Fb")
        #expect(link.size == "3.0 MB")
    }
}
