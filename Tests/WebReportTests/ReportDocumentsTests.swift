import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing
import WebReportDomain

@testable import WebReportService

/// The customer's signature and the report's PDF (R18): the signature is checked by content,
/// and the PDF, made with libHaru, holds the customer, the work and the signer, as poppler's
/// `pdftotext` reads them.
@Suite("Signature and PDF")
struct ReportDocumentsTests {
    /// A 1×1 RGBA PNG, as a canvas would send (in miniature).
    static let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    static let signedReport = """
        {"sessions": \(ReportRoutesTests.sessions), "workDone": "Replaced the circulation pump",
         "materials": [{"articleCode": "PUMP-A2", "description": "Circolatore A2", "quantity": 1}],
         "signedBy": "Luca Rossi", "signature": "data:image/png;base64,\(png)"}
        """

    @Test func aSignature_mustBeARealPNG_ofBoundedSize() {
        #expect(
            SignatureImage.decode("data:image/png;base64,\(Self.png)")
                == .image([UInt8](Data(base64Encoded: Self.png)!)))
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0]).base64EncodedString()
        #expect(
            SignatureImage.decode("data:image/png;base64,\(jpeg)")
                == .refused(
                    Wording(
                        it: "La firma non è un'immagine PNG valida.", en: "The signature is not a valid PNG image.")))
        #expect(SignatureImage.decode("javascript:alert(1)") != .image([]))
        let huge = Data(SignatureImage.pngMagic + [UInt8](repeating: 0, count: SignatureImage.maxBytes))
            .base64EncodedString()
        #expect(
            SignatureImage.decode("data:image/png;base64,\(huge)")
                == .refused(
                    Wording(
                        it: "La firma supera i 256 KB.", en: "The signature is larger than 256 KB.")))
    }

    @Test func aSignature_needsTheSignersName() {
        let draft = ReportDraft(
            sessions: ReportDraft.Session.morning, workDone: "Fixed", signature: "data:image/png;base64,\(Self.png)")
        #expect(ReportRulesTests.problems(draft).map(\.en) == ["Write the name of the person who signed."])
    }

    @Test func theSignedReport_isAPDFWithCustomerWorkAndSigner() async throws {
        // Given a signed report
        let service = try await TechnicianPagesTests.service()
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            try await giulia.execute(
                uri: "/api/appointments/app-5/report", method: .post, body: ByteBuffer(string: Self.signedReport)
            ) { #expect($0.status == .created) }

            // Then its signature is served as an image
            try await giulia.execute(uri: "/reports/rep-1/signature.png", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/png")
                #expect(Array(response.body.readableBytesView.prefix(8)) == SignatureImage.pngMagic)
            }

            // And its PDF reads back with the customer, the work and the signer
            let pdf = try await giulia.execute(
                uri: "/reports/rep-1/pdf", method: .get, headers: [.acceptLanguage: "en"]
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/pdf")
                return Data(response.body.readableBytesView)
            }
            #expect(pdf.starts(with: Data("%PDF-".utf8)))
            let text = try Self.pdfToText(pdf)
            #expect(text.contains("Rossi Impianti S.r.l."))
            #expect(text.contains("Replaced the circulation pump"))
            #expect(text.contains("Luca Rossi"))
            #expect(text.contains("TCK/2026/000123"))
            #expect(text.contains("PUMP-A2"))

            // And another technician may not download it
            let marco = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-4")
            try await marco.execute(uri: "/reports/rep-1/pdf", method: .get) { #expect($0.status == .forbidden) }
            try await marco.execute(uri: "/reports/rep-1/signature.png", method: .get) {
                #expect($0.status == .forbidden)
            }
        }

        // And the event carries the customer's link to the PDF (see CustomerReportLinkTests)
        let closed = try #require(try await service.closedEvents().first)
        #expect(closed.reportURL?.contains("/reports/rep-1/customer.pdf?key=") == true)
        #expect(closed.signedBy == "Luca Rossi")
    }

    /// The text poppler's `pdftotext` extracts (a third-party reader, not our own code).
    static func pdfToText(_ pdf: Data) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("webreport-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.pdf")
        try pdf.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-layout", file.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "pdftotext failed")
        return String(decoding: bytes, as: UTF8.self)
    }
}
