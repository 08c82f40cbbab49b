import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import WebReportService

/// The customer gets the signed report (issue 9 point 4, issue 10 point 5): a secret link that
/// opens the PDF without logging in, which the back office can replace, and the PDF itself on the
/// bus (`intervention.report-issued.v1`) just before `intervention.closed.v1`, for the email.
@Suite("The customer's signed report")
struct CustomerReportTests {
    /// An 17×22 JPEG made by poppler's pdftoppm.
    static let jpeg = [UInt8](
        Data(
            base64Encoded: """
                /9j/4AAQSkZJRgABAQEAAgACAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAAWABEDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD3edBKdheSPg4Kvtz+RzTbe2aMhmnkc+hckY/GpJhlxy4OP4SaVCeMkn60AS0UUUAIQD1ANGB6UUUALRRRQB//2Q==
                """, options: .ignoreUnknownCharacters)!)

    /// `jpeg` made about 720 KB heavier with comment segments of random bytes: a real JPEG (the
    /// PDF library embeds it as it is) that no compression shrinks, like a phone's photo.
    static func heavyJPEG() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes = Array(jpeg.prefix(2))  // SOI
        for _ in 0..<11 {
            bytes += [0xFF, 0xFE, 0xFF, 0xFF]  // COM, length 65535 (the two length bytes included)
            bytes += (0..<65_533).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        return bytes + jpeg.dropFirst(2)
    }

    /// The report `body` filed by Giulia on app-5, with `photos` uploaded first.
    static func filed(photos: [[UInt8]] = [], body: String = ReportDocumentsTests.signedReport) async throws
        -> TestService
    {
        let service = try await TechnicianPagesTests.service()
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            for photo in photos {
                try await giulia.execute(
                    uri: "/api/appointments/app-5/photos", method: .post, body: ByteBuffer(bytes: photo)
                ) {
                    #expect($0.status == .created, "\(String(buffer: $0.body))")
                }
            }
            try await giulia.execute(
                uri: "/api/appointments/app-5/report", method: .post, body: ByteBuffer(string: body)
            ) {
                #expect($0.status == .created)
            }
        }
        return service
    }

    /// The issued copies in the outbox.
    static func issued(_ service: TestService) async throws -> [InterventionReportIssued] {
        try await service.outbox().compactMap {
            if case .interventionReportIssued(let copy) = $0.event { copy } else { nil }
        }
    }

    /// Path and query of an absolute link.
    static func pathAndQuery(_ link: String) throws -> String {
        let url = try #require(URL(string: link))
        return url.path + "?" + (url.query ?? "")
    }

    // MARK: - The PDF on the bus

    @Test func closingPublishesThePDF_beforeTheClosedEvent_withTheSameKey() async throws {
        let service = try await Self.filed()
        let rows = try await service.outboxTypesAndKeys()
        #expect(rows.map(\.type) == [InterventionReportIssued.eventType, InterventionClosed.eventType])
        #expect(rows.map(\.key) == ["tck-123", "tck-123"])

        let copy = try #require(try await Self.issued(service).first)
        #expect(copy.reportID == "rep-1")
        #expect(copy.appointmentID == "app-5")
        #expect(copy.ticketID == "tck-123")
        #expect(copy.fileName == "report-TCK-2026-000123.pdf")
        #expect(copy.photosIncluded)
        let pdf = try #require(copy.pdf)
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        let text = try ReportDocumentsTests.pdfToText(pdf)
        #expect(text.contains("Rossi Impianti S.r.l."), "the customer")
        #expect(text.contains("Replaced the circulation pump"), "the work done")
        #expect(text.contains("Luca Rossi"), "the signer")
        #expect(text.contains("Firmato da"), "in Italian, the company's language")
    }

    @Test func anotherVisitNeeded_publishesTheReportToo() async throws {
        let body = """
            {"sessions": \(ReportRoutesTests.sessions), "workDone": "Pump ordered", "outcome": "another-visit-needed",
             "visitNote": "Come back with the pump", "materials": [], "signedBy": "Luca Rossi"}
            """
        let service = try await Self.filed(body: body)
        #expect(
            try await service.outboxTypesAndKeys().map(\.type) == [
                InterventionReportIssued.eventType, InterventionClosed.eventType
            ])
    }

    @Test func photosTooHeavyForTheBus_leaveACopyWithoutThem_underTheCap() async throws {
        let service = try await Self.filed(photos: [Self.heavyJPEG(), Self.heavyJPEG()])
        let copy = try #require(try await Self.issued(service).first)
        #expect(!copy.photosIncluded)
        #expect(copy.pdfBase64.utf8.count <= InterventionReportIssued.maximumBase64Length)
        let text = try ReportDocumentsTests.pdfToText(try #require(copy.pdf))
        #expect(text.contains("Replaced the circulation pump"))
        #expect(text.contains("Luca Rossi"))
        // The full report, photos included, really is over the cap.
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let office = anonymous.loggedIn(to: service.context, permissions: [.plannerSchedule])
            try await office.execute(uri: "/reports/\(copy.reportID)/pdf", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes * 4 / 3 > InterventionReportIssued.maximumBase64Length)
            }
        }
    }

    @Test func aPhotoThePDFLibraryCannotRead_leavesItOut_andTheReportIsFiled() async throws {
        // JPEG by its first bytes (so accepted), not a JPEG inside.
        let fake: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0x41, count: 64)
        let service = try await Self.filed(photos: [fake])
        #expect(try await service.closedEvents().count == 1)
        let copy = try #require(try await Self.issued(service).first)
        #expect(!copy.photosIncluded)
        #expect(try ReportDocumentsTests.pdfToText(try #require(copy.pdf)).contains("Luca Rossi"))
    }

    // MARK: - The customer's link

    @Test func theLink_opensThePDFWithoutLoggingIn_andOnlyWithItsKey() async throws {
        let service = try await Self.filed()
        let link = try #require(try await service.closedEvents().first?.reportURL)
        let path = try Self.pathAndQuery(link)
        #expect(path.hasPrefix("/reports/rep-1/customer.pdf?key="))
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let pdf = try await anonymous.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/pdf")
                return Data(response.body.readableBytesView)
            }
            #expect(try ReportDocumentsTests.pdfToText(pdf).contains("Rossi Impianti S.r.l."))
            for wrong in [
                "/reports/rep-1/customer.pdf", "/reports/rep-1/customer.pdf?key=",
                "/reports/rep-1/customer.pdf?key=guess",
                path + "x", path.replacingOccurrences(of: "rep-1", with: "rep-2")
            ] {
                try await anonymous.execute(uri: wrong, method: .get) { response in
                    #expect(response.status == .notFound, "\(wrong)")
                    #expect(!String(buffer: response.body).contains("key"), "no detail: \(wrong)")
                }
            }
            // The session route still works, and still needs a session.
            try await anonymous.execute(uri: "/reports/rep-1/pdf", method: .get) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func theBackOffice_replacesTheLink_andTheOldOneStopsWorking() async throws {
        let service = try await Self.filed()
        let old = try Self.pathAndQuery(try #require(try await service.closedEvents().first?.reportURL))
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            // A technician may not (the permission), the back office may.
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            try await giulia.execute(uri: "/api/reports/rep-1/customer-link", method: .post) {
                #expect($0.status == .forbidden)
            }
            let office = anonymous.loggedIn(to: service.context, permissions: [.plannerSchedule])
            try await office.execute(uri: "/api/reports/rep-9/customer-link", method: .post) {
                #expect($0.status == .notFound)
            }
            let renewed = try await office.execute(uri: "/api/reports/rep-1/customer-link", method: .post) { response in
                #expect(response.status == .created)
                struct Link: Decodable { var url: String }
                return try JSONDecoder().decode(Link.self, from: Data(response.body.readableBytesView)).url
            }
            let new = try Self.pathAndQuery(renewed.hasPrefix("/") ? "http://webreport" + renewed : renewed)
            #expect(new != old)
            try await anonymous.execute(uri: old, method: .get) { #expect($0.status == .notFound) }
            try await anonymous.execute(uri: new, method: .get) { #expect($0.status == .ok) }

            // The appointment page shows the link and the button to the back office only.
            try await office.execute(uri: "/appointments/app-5", method: .get, headers: TechnicianPagesTests.html) {
                response in
                let page = String(buffer: response.body)
                #expect(page.contains("id=\"customer-link-renew\""))
                #expect(page.contains(new.replacingOccurrences(of: "&", with: "&amp;")))
            }
            try await giulia.execute(uri: "/appointments/app-5", method: .get, headers: TechnicianPagesTests.html) {
                response in
                #expect(!String(buffer: response.body).contains("customer-link"))
            }
        }
    }
}
