import Foundation
import Hummingbird
import HummingbirdTesting
import IntakeDomain
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// The ticket list's search as a CSV for Italian Excel: `;`, UTF-8 with a BOM, accents intact.
@Suite struct TicketExportTests {
    /// The rows of an export, split as a reader would (no field here holds `;` or a line break).
    static func rows(_ bytes: [UInt8]) -> [[String]] {
        String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map {
            $0.components(separatedBy: ";")
        }
    }

    @Test func theCurrentSearch_downloadsAsExcelCSV() async throws {
        let fixture = try await IntakeFixture()
        for name in ["Caffè Città", "=HYPERLINK(\"http://x\")", "Panificio Moretti"] {
            _ = try await fixture.store.openTicket(
                NewTicket(
                    activityTypeCode: "REPAIR", customer: .init(name: name, email: nil), description: "Guasto",
                    customFields: ["appliance": "Forno"]), channel: .api)
        }
        let user = try await fixture.session([.ticketsRead])
        try await Application(router: fixture.router).test(.router) { client in
            try await client.authenticated(as: user).execute(
                uri: "/tickets/export.csv?q=Caff%C3%A8&state=open", method: .get
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"ticket.csv\"")
                let bytes = Array(response.body.readableBytesView)
                #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
                let rows = Self.rows(bytes)
                #expect(rows.count == 2)
                #expect(rows[0].prefix(4) == ["Numero", "Stato", "Tipo attività", "Cliente"])
                #expect(rows[1][3] == "Caffè Città")
                #expect(rows[1][0].hasPrefix("TCK/2030/"))
            }
            try await client.authenticated(as: user).execute(
                uri: "/tickets/export.csv", method: .get, headers: [.acceptLanguage: "en"]
            ) { response in
                let rows = Self.rows(Array(response.body.readableBytesView))
                #expect(rows[0][0] == "Number")
                #expect(rows.count == 4)
                // a name that looks like a formula is written as text
                #expect(rows.contains { $0[3] == "\"'=HYPERLINK(\"\"http://x\"\")\"" })
            }
            // the list page's search form offers the export with the same fields
            try await client.authenticated(as: user).execute(uri: "/tickets", method: .get) { response in
                #expect(String(buffer: response.body).contains("formaction=\"/tickets/export.csv\""))
            }
        }
    }

    @Test func theSameSearch_downloadsAsAnExcelWorkbook() async throws {
        let fixture = try await IntakeFixture()
        _ = try await fixture.store.openTicket(
            NewTicket(
                activityTypeCode: "REPAIR", customer: .init(name: "Caffè Città", email: nil), description: "Guasto",
                customFields: ["appliance": "Forno"]), channel: .api)
        let user = try await fixture.session([.ticketsRead])
        try await Application(router: fixture.router).test(.router) { client in
            try await client.authenticated(as: user).execute(uri: "/tickets/export.xlsx?q=Caff%C3%A8", method: .get) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == SpreadsheetXLSX.contentType)
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"ticket.xlsx\"")
                // an Office Open XML workbook, as the attachments' content check recognises it
                let content = try AttachmentContent.identify(Array(response.body.readableBytesView))
                #expect(content.extensions == ["xlsx"])
            }
        }
    }

    @Test func cells_areQuotedAndNeutralised_andNumbersUseTheDecimalComma() {
        #expect(SpreadsheetCSV.field("a;b") == "\"a;b\"")
        #expect(SpreadsheetCSV.field("due\nrighe") == "\"due\nrighe\"")
        #expect(SpreadsheetCSV.field("-12,5") == "-12,5")
        #expect(SpreadsheetCSV.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(SpreadsheetCSV.euros(cents: 123_456) == "1234,56")
        #expect(SpreadsheetCSV.euros(cents: -5) == "-0,05")
        #expect(
            SpreadsheetCSV.dateTime(
                Date(timeIntervalSince1970: 1_900_000_000), timeZone: TimeZone(identifier: "Europe/Rome")!)
                == "17/03/2030 18:46")
    }
}
