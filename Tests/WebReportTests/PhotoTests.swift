import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing
import WebReportDomain

@testable import WebReportService

/// An intervention's photos (R18): JPEG or PNG by content, size and count limits, only while the
/// report is open, only on one's own appointment; they end up in the PDF.
@Suite("Photos")
struct PhotoTests {
    static let png = [UInt8](Data(base64Encoded: ReportDocumentsTests.png)!)

    @Test func theRules_lookAtTheBytes() {
        #expect(PhotoRules.check(Self.png, existing: 0) == .success(.png))
        #expect(PhotoRules.check([0xFF, 0xD8, 0xFF, 0xE0, 0x00], existing: 9) == .success(.jpeg))
        #expect(
            PhotoRules.check(Array("<svg onload=alert(1)>".utf8), existing: 0)
                == .failure(
                    .invalidPhoto(
                        Wording(
                            it: "La foto deve essere un'immagine JPEG o PNG.",
                            en: "The photo must be a JPEG or PNG image."))))
        #expect(
            PhotoRules.check(Self.png, existing: 10)
                == .failure(
                    .invalidPhoto(
                        Wording(
                            it: "Un intervento può avere al massimo 10 foto.",
                            en: "An intervention can have at most 10 photos."))))
        #expect(
            PhotoRules.check(SignatureImage.pngMagic + [UInt8](repeating: 0, count: PhotoRules.maxBytes), existing: 0)
                == .failure(PhotoRules.tooLarge))
    }

    @Test func photos_areStored_shown_inThePDF_andFrozenOnceClosed() async throws {
        let service = try await TechnicianPagesTests.service()
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            let english: HTTPFields = [.acceptLanguage: "en", .contentType: "image/png"]
            // Two photos are stored; a fake one is refused with a message
            var ids: [String] = []
            for _ in 0..<2 {
                let id = try await giulia.execute(
                    uri: "/api/appointments/app-5/photos", method: .post, headers: english,
                    body: ByteBuffer(bytes: Self.png)
                ) { response in
                    #expect(response.status == .created)
                    let stored =
                        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
                        as? [String: String]
                    return stored?["id"] ?? ""
                }
                ids.append(id)
            }
            try await giulia.execute(
                uri: "/api/appointments/app-5/photos", method: .post, headers: english,
                body: ByteBuffer(string: "GIF89a not really")
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("The photo must be a JPEG or PNG image."))
            }
            // Someone else can neither add nor see them
            let marco = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-4")
            try await marco.execute(
                uri: "/api/appointments/app-5/photos", method: .post, body: ByteBuffer(bytes: Self.png)
            ) {
                #expect($0.status == .forbidden)
            }
            try await marco.execute(uri: "/appointments/app-5/photos/\(ids[0])", method: .get) {
                #expect($0.status == .forbidden)
            }
            // The page shows them and the image is served as stored
            try await giulia.execute(uri: "/appointments/app-5/photos/\(ids[0])", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/png")
            }
            // Closing the report freezes them
            let report = try await giulia.execute(
                uri: "/api/appointments/app-5/report", method: .post,
                body: ByteBuffer(string: ReportDocumentsTests.signedReport)
            ) { response in
                #expect(response.status == .created)
                return try ReportRoutesTests.decode(ReportRoutesTests.Report.self, response)
            }
            try await giulia.execute(uri: "/api/appointments/app-5/photos/\(ids[1])", method: .delete) {
                #expect($0.status == .conflict)
            }
            try await giulia.execute(
                uri: "/api/appointments/app-5/photos", method: .post, body: ByteBuffer(bytes: Self.png)
            ) {
                #expect($0.status == .conflict)
            }
            try await giulia.execute(uri: "/appointments/app-5", method: .get, headers: [.accept: "text/html"]) {
                response in
                #expect(String(buffer: response.body).contains("/appointments/app-5/photos/\(ids[1])"))
            }
            // And the PDF carries both photos and the signature (three images)
            let pdf = try await giulia.execute(uri: "/reports/\(report.id)/pdf", method: .get) {
                Data($0.body.readableBytesView)
            }
            let images = try Self.imageCount(pdf)
            #expect(images == 3, "pdfimages found \(images)")
        }
        #expect(try await service.count("appointmentPhoto") == 2)
    }

    /// How many images poppler's `pdfimages -list` finds (soft masks not counted).
    static func imageCount(_ pdf: Data) throws -> Int {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "webreport-photos-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdfimages")
        process.arguments = ["-list", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.split(separator: "\n").dropFirst(2).filter {
            $0.split(separator: " ").dropFirst(2).first == "image"
        }.count
    }
}
