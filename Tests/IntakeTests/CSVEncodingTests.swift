import AriannaFiles
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

/// CSV files as Excel writes them in Italy: the same rows in every encoding the import reads
/// give the same tickets, on a real SQLite file; a binary file is refused and writes nothing.
@Suite struct CSVEncodingTests {
    static let rows = """
        activity_type;customer_name;description;due_date;appliance;external_id
        REPAIR;Caffè Città;Macchina del caffè – perde acqua, 20 €;20/03/2030;Macchina espresso;x-1
        REPAIR;Pâtisserie Ça Va;"Forno; non scalda
        più";;Forno à sole;x-2

        """

    /// The file in each encoding, as Excel saves it.
    static func file(_ encoding: CSVTextEncoding) -> [UInt8] {
        let text = rows.replacingOccurrences(of: "\n", with: "\r\n")
        switch encoding {
        case .utf8: return Array(text.utf8)
        case .utf8WithBOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .utf16LittleEndian: return [0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian)!)
        case .utf16BigEndian: return [0xFE, 0xFF] + Array(text.data(using: .utf16BigEndian)!)
        case .windows1252: return Array(text.data(using: .windowsCP1252)!)
        }
    }

    struct Seen: Equatable {
        let number: String, customer: String, description: String, fields: [String: String], dueAt: Date?
    }

    @Test func theSameRows_inEveryEncoding_giveIdenticalTickets() async throws {
        var seen: [CSVTextEncoding: [Seen]] = [:]
        for encoding in CSVTextEncoding.allCases {
            let fixture = try await IntakeFixture(onDisk: true)
            let report = try await fixture.store.importTickets(csv: Self.file(encoding))
            #expect(report.created == 2, "\(encoding)")
            #expect(report.encoding == encoding.rawValue)
            #expect(report.separator == ";")
            seen[encoding] = try await fixture.store.tickets().sorted { $0.number < $1.number }.map {
                Seen(
                    number: $0.number, customer: $0.customer.name, description: $0.description,
                    fields: $0.customFields, dueAt: $0.dueAt)
            }
        }
        let expected = try #require(seen[.utf8])
        #expect(expected.map(\.customer) == ["Caffè Città", "Pâtisserie Ça Va"])
        #expect(expected[0].description == "Macchina del caffè – perde acqua, 20 €")
        #expect(expected[1].description == "Forno; non scalda\npiù")
        #expect(expected[1].fields == ["appliance": "Forno à sole"])
        for encoding in CSVTextEncoding.allCases {
            #expect(seen[encoding] == expected, "\(encoding)")
        }
    }

    @Test func detection_namesTheEncoding_andTabsOfUnicodeText() throws {
        #expect(try CSVTextEncoding.decode(Array("Città".utf8)).encoding == .utf8)
        #expect(try CSVTextEncoding.decode([0x43, 0x69, 0x74, 0x74, 0xE0]) == ("Città", .windows1252))
        let table = try CSVTable(bytes: Array("a\tb\tc\n1\t2;3\t4\n".utf8))
        #expect(table.separatorName == "\\t")
        #expect(table.records.first?.fields == ["1", "2;3", "4"])
    }

    @Test func aBinaryFile_isRefused_andWritesNothing() async throws {
        let fixture = try await IntakeFixture(onDisk: true)
        let customers = try await fixture.context.database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer")
        }
        let png: [UInt8] =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
            + Array("activity_type,customer_name,description\nREPAIR,X,Y\n".utf8)
        await #expect(throws: CSVImportError.notText) { try await fixture.store.importTickets(csv: png) }
        // A NUL in otherwise valid UTF-8, and a control character, are binary too
        await #expect(throws: CSVImportError.notText) {
            try await fixture.store.importTickets(
                csv: Array("activity_type,customer_name,description\nREPAIR,X\0,Y\n".utf8))
        }
        await #expect(throws: CSVImportError.badEncoding(.utf16LittleEndian)) {
            try await fixture.store.importTickets(csv: [0xFF, 0xFE, 0x41])  // an odd number of bytes
        }
        #expect(try await fixture.store.tickets().isEmpty)
        #expect(try await fixture.outbox(type: TicketOpened.eventType).isEmpty)
        #expect(
            try await fixture.context.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer") }
                == customers)
        #expect(CSVImportError.notText.message(.it).contains("Nessun ticket è stato importato"))
    }

    @Test func decimalComma_andItalianDates_inLayoutFields() async throws {
        #expect(CSVTicketRows.layoutValue("1.234,5", kind: .number) == "1234.5")
        #expect(CSVTicketRows.layoutValue("12,75", kind: .number) == "12.75")
        #expect(CSVTicketRows.layoutValue("12.75", kind: .number) == "12.75")
        #expect(CSVTicketRows.layoutValue("3/4/2030", kind: .date) == "2030-04-03")
        #expect(CSVTicketRows.layoutValue("3/4/2030", kind: .text) == "3/4/2030")
        // Given REPAIR with a number and a date field
        let fixture = try await IntakeFixture(onDisk: true)
        try await fixture.context.database.write { db in
            var type = try #require(
                try ActivityTypeRecord.filter(ActivityTypeRecord.Columns.code == "REPAIR").fetchOne(db))
            type.layout += [
                LayoutField(key: "hours", label: "Ore", kind: .number, required: false),
                LayoutField(key: "installed_on", label: "Installato il", kind: .date, required: false)
            ]
            try type.update(db)
        }
        let file =
            "activity_type;customer_name;description;appliance;Hours;installed_on\nREPAIR;Bar Sport;Guasto;Forno;1.234,5;31/12/2029\n"
        let report = try await fixture.store.importTickets(csv: Array(file.data(using: .windowsCP1252)!))
        #expect(report.created == 1, "\(report.rows.first?.reasons ?? [])")
        let ticket = try await fixture.store.ticket(id: try #require(report.rows.first?.ticketID))
        #expect(ticket.customFields == ["appliance": "Forno", "hours": "1234.5", "installed_on": "2029-12-31"])
    }

    @Test func theAPI_andThePage_sayWhichEncodingAndSeparatorWereUsed() async throws {
        let fixture = try await IntakeFixture()
        let user = try await fixture.session([.ticketsOpen])
        let boundary = "----arianna-enc"
        var body = Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(user.csrfToken)\r\n".utf8)
        body += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                .utf8)
        body += Self.file(.windows1252) + Array("\r\n--\(boundary)--\r\n".utf8)
        let upload = body
        var unicode = Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(user.csrfToken)\r\n".utf8)
        unicode += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.txt\"\r\n\r\n".utf8)
        unicode += Self.file(.utf16LittleEndian) + Array("\r\n--\(boundary)--\r\n".utf8)
        let unicodeUpload = unicode
        try await Application(router: fixture.router).test(.router) { client in
            try await client.execute(
                uri: "/api/imports/tickets", method: .post,
                headers: [.contentType: "text/csv", .authorization: "Bearer \(user.token)", .acceptLanguage: "it"],
                body: ByteBuffer(bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0])
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("non è un testo CSV"))
            }
            try await client.execute(
                uri: "/import", method: .post,
                headers: [
                    .cookie: "arianna_session=\(user.token)", .contentType: "multipart/form-data; boundary=\(boundary)",
                    .acceptLanguage: "en"
                ],
                body: ByteBuffer(bytes: upload)
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<strong id=\"import-encoding\">Windows-1252</strong>"))
                #expect(html.contains("<strong id=\"import-separator\">;</strong>"))
            }
            // Excel's "Unicode text" through the page: every byte reaches the decoder
            try await client.execute(
                uri: "/import", method: .post,
                headers: [
                    .cookie: "arianna_session=\(user.token)", .contentType: "multipart/form-data; boundary=\(boundary)",
                    .acceptLanguage: "en"
                ],
                body: ByteBuffer(bytes: unicodeUpload)
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<strong id=\"import-encoding\">UTF-16 LE (BOM)</strong>"))
                // the same rows as the Windows-1252 upload: found again, not duplicated
                #expect(html.contains("<strong>2</strong> already imported"))
            }
        }
        #expect(try await fixture.store.tickets().map(\.customer.name).sorted() == ["Caffè Città", "Pâtisserie Ça Va"])
    }
}
