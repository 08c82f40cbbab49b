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

/// The CSV intake channel: the RFC 4180 reader, the row-by-row import on a real SQLite file,
/// and the guarded routes.
@Suite struct CSVImportTests {
    // MARK: the reader

    @Test func reader_handlesQuotes_embeddedSeparators_quotes_andNewlines() throws {
        let text = "\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\nplain,  \"q\" ,\r\nlast,row,end"
        let table = try CSVTable(bytes: Array(text.utf8))
        #expect(table.header == ["a", "b", "c"])
        #expect(
            table.records.map(\.fields) == [
                ["x, y", "say \"hi\"", "two\nlines"], ["plain", "q ", ""], ["last", "row", "end"]
            ])
        #expect(table.records.map(\.number) == [2, 3, 4])
    }

    @Test func reader_detectsSemicolons() throws {
        let table = try CSVTable(bytes: Array("activity_type;description\nREPAIR;\"Guasto; urgente, oggi\"\n".utf8))
        #expect(table.separator == UInt8(ascii: ";"))
        #expect(table.records.first?.fields == ["REPAIR", "Guasto; urgente, oggi"])
    }

    @Test func reader_refusesAnUnclosedQuote_andTooManyRows() {
        #expect(throws: CSVTable.Problem.unterminatedQuote(record: 2)) {
            try CSVTable(bytes: Array("a,b\n\"open,x\n".utf8))
        }
        #expect(throws: CSVTable.Problem.tooManyRows(limit: 2)) {
            try CSVTable(bytes: Array("a\n1\n2\n3\n".utf8), rowLimit: 2)
        }
        #expect(throws: CSVTable.Problem.empty) { try CSVTable(bytes: Array("\n\n".utf8)) }
    }

    // MARK: the import

    static let goodFile = """
        Activity_Type,customer_name,customer_email,site_zone,description,due_date,external_id,Appliance,serial_number
        REPAIR,Studio Dentistico Ferri,segreteria@studioferri.example,Monza,"Compressor stopped, room 2",2030-03-20,ext-1,Compressor,
        repair,Bar Nuovo,bar@nuovo.example,Milano,"Coffee machine
        leaks \"\"a lot\"\"\",,,\"Coffee machine\",SN-9
        """

    func count(_ table: String, in fixture: IntakeFixture) async throws -> Int {
        try await fixture.context.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
        }
    }

    @Test func goodRows_openTickets_throughTheCSVChannel() async throws {
        let fixture = try await IntakeFixture(onDisk: true)
        let report = try await fixture.store.importTickets(csv: Array(Self.goodFile.utf8))
        #expect(report.processed == 2)
        #expect(report.created == 2)
        #expect(report.rows.map(\.row) == [2, 3])
        let first = try await fixture.store.ticket(id: try #require(report.rows[0].ticketID))
        #expect(first.customer.id == "cus-ferri")
        #expect(first.channel == .csv)
        #expect(first.siteZone == "Monza")
        #expect(first.customFields == ["appliance": "Compressor"])
        #expect(first.description == "Compressor stopped, room 2")
        let due = try #require(first.dueAt)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Rome")!
        #expect(
            calendar.dateComponents([.year, .month, .day, .hour], from: due)
                == DateComponents(year: 2030, month: 3, day: 20, hour: 17))
        let second = try await fixture.store.ticket(id: try #require(report.rows[1].ticketID))
        #expect(second.customer.name == "Bar Nuovo")
        #expect(second.description == "Coffee machine\nleaks \"a lot\"")
        #expect(second.customFields == ["appliance": "Coffee machine", "serial_number": "SN-9"])
        #expect(second.number == "TCK/2030/000002")
        let published = try await fixture.outbox(type: TicketOpened.eventType).compactMap { event -> TicketOpened? in
            guard case .ticketOpened(let payload) = event.event else { return nil }
            return payload
        }
        #expect(
            published.map(\.customFields) == [
                ["appliance": "Compressor"], ["appliance": "Coffee machine", "serial_number": "SN-9"]
            ])
    }

    @Test func badRows_areRejectedWithEveryReason_andWriteNothing() async throws {
        // Given rows with an unknown type, a missing name and a bad date, a custom field the type
        // does not have, and one good row after them
        let fixture = try await IntakeFixture(onDisk: true)
        let customersBefore = try await count("customer", in: fixture)
        let file = """
            activity_type;customer_name;description;due_date;colour;appliance
            NOPE;Someone;Broken;;;Oven
            REPAIR;;Broken;31/02/2030;;Oven
            REPAIR;Nuovo Cliente Srl;Broken;someday;;Oven
            REPAIR;Nuovo Cliente Srl;Broken;;red;Oven
            REPAIR;Trattoria Da Gino;Forno rotto;20/03/2030;;Forno
            """
        // When importing
        let report = try await fixture.store.importTickets(csv: Array(file.utf8))
        // Then each bad row lists all its reasons
        #expect(report.processed == 5)
        #expect(report.rejected == 4)
        #expect(report.created == 1)
        #expect(report.rows[0].reasons == ["There is no active activity type with code 'NOPE'."])
        #expect(report.rows[1].reasons.contains("customer.name is required."))
        #expect(report.rows[1].reasons.contains { $0.hasPrefix("due_date '31/02/2030' is not a date") })
        #expect(
            report.rows[2].reasons == [
                "due_date 'someday' is not a date: write 2026-03-31, 31/03/2026 or 2026-03-31T09:00:00Z."
            ])
        #expect(report.rows[3].reasons == ["customFields.colour: this activity type has no field 'colour'."])
        // and nothing of them was written: no customer, no ticket, no number used
        #expect(try await count("customer", in: fixture) == customersBefore)
        #expect(try await fixture.store.tickets().count == 1)
        #expect(report.rows[4].ticketNumber == "TCK/2030/000001")
        #expect(try await fixture.outbox(type: TicketOpened.eventType).count == 1)
    }

    @Test func reimportingTheSameFile_createsNoDuplicates() async throws {
        let fixture = try await IntakeFixture(onDisk: true)
        let first = try await fixture.store.importTickets(csv: Array(Self.goodFile.utf8))
        // the same file with CRLF line ends and extra spaces in a cell is the same rows
        let again = Self.goodFile.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(
            of: ",Bar Nuovo,", with: ", Bar Nuovo ,")
        let second = try await fixture.store.importTickets(csv: Array(again.utf8))
        #expect(second.alreadyImported == 2)
        #expect(second.created == 0)
        #expect(second.rows.map(\.ticketNumber) == first.rows.map(\.ticketNumber))
        #expect(try await fixture.store.tickets().count == 2)
    }

    @Test func wholeFileProblems_importNothing() async throws {
        let fixture = try await IntakeFixture()
        await #expect(throws: CSVImportError.missingColumns(["customer_name", "description"])) {
            try await fixture.store.importTickets(csv: Array("activity_type,notes\nREPAIR,x\n".utf8))
        }
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: IntakeStore.csvImportByteLimit + 1)
        await #expect(throws: CSVImportError.tooLarge(limitBytes: IntakeStore.csvImportByteLimit)) {
            try await fixture.store.importTickets(csv: big)
        }
        let tooMany = "activity_type,customer_name,description\n" + String(repeating: "REPAIR,A,b\n", count: 10_001)
        await #expect(throws: CSVImportError.unreadable(.tooManyRows(limit: 10_000))) {
            try await fixture.store.importTickets(csv: Array(tooMany.utf8))
        }
        #expect(try await fixture.store.tickets().isEmpty)
    }

    /// Measures 1,000 rows on a real SQLite file (the figure is printed and noted in the report).
    @Test func thousandRows_importInReasonableTime() async throws {
        let fixture = try await IntakeFixture(onDisk: true)
        var file = "activity_type,customer_name,customer_email,description,external_id,appliance\n"
        for index in 1...1_000 {
            file += "REPAIR,Customer \(index % 50),c\(index % 50)@bulk.example,Request \(index),bulk-\(index),Oven\n"
        }
        let start = ContinuousClock.now
        let report = try await fixture.store.importTickets(csv: Array(file.utf8))
        let elapsed = ContinuousClock.now - start
        print("CSV import of 1,000 rows: \(elapsed)")
        #expect(report.created == 1_000)
        #expect(elapsed < .seconds(60))
    }

    // MARK: the routes

    @Test func api_importsACSVBody_forAUserWhoMayOpenTickets() async throws {
        let fixture = try await IntakeFixture()
        let user = try await fixture.session([.ticketsOpen])
        let reader = try await fixture.session([.ticketsRead])
        try await Application(router: fixture.router).test(.router) { client in
            try await client.execute(
                uri: "/api/imports/tickets", method: .post,
                headers: [.contentType: "text/csv"], body: ByteBuffer(string: Self.goodFile)
            ) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.authenticated(as: reader).execute(
                uri: "/api/imports/tickets", method: .post, headers: [.contentType: "text/csv"],
                body: ByteBuffer(string: Self.goodFile)
            ) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(
                uri: "/api/imports/tickets", method: .post,
                headers: [.contentType: "text/csv", .authorization: "Bearer \(user.token)"],
                body: ByteBuffer(string: Self.goodFile)
            ) { response in
                #expect(response.status == .ok)
                let report = try JSONDecoder().decode(CSVImportReport.self, from: Data(buffer: response.body))
                #expect(report.created == 2)
            }
            try await client.execute(
                uri: "/api/imports/tickets", method: .post,
                headers: [.contentType: "text/csv", .authorization: "Bearer \(user.token)", .acceptLanguage: "en"],
                body: ByteBuffer(string: "activity_type\nREPAIR\n")
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("lacks the columns customer_name, description"))
            }
            try await client.execute(
                uri: "/api/imports/tickets", method: .post,
                headers: [.contentType: "text/csv", .authorization: "Bearer \(user.token)", .acceptLanguage: "it"],
                body: ByteBuffer(string: "activity_type\nREPAIR\n")
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(
                    String(buffer: response.body).contains(
                        "Nella riga di intestazione mancano le colonne customer_name, description."))
            }
            try await client.execute(
                uri: "/api/imports/tickets", method: .post,
                headers: [.contentType: "text/csv", .authorization: "Bearer \(user.token)", .acceptLanguage: "en"],
                body: ByteBuffer(repeating: UInt8(ascii: "a"), count: IntakeStore.csvImportByteLimit + 10)
            ) { response in
                #expect(response.status == .contentTooLarge)
                #expect(String(buffer: response.body).contains("larger than 5 MB"))
            }
        }
        #expect(try await fixture.store.tickets().count == 2)
    }

    @Test func page_uploadsAFile_andShowsTheReportPerRow() async throws {
        let fixture = try await IntakeFixture()
        let user = try await fixture.session([.ticketsOpen])
        let boundary = "----arianna-test"
        let file = "activity_type,customer_name,description,appliance\nREPAIR,Bar <Nuovo>,Leaks,Machine\nNOPE,X,Y,\n"
        let body =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(user.csrfToken)\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tickets.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n\(file)\r\n--\(boundary)--\r\n"
        try await Application(router: fixture.router).test(.router) { client in
            try await client.execute(uri: "/import", method: .get, headers: [.accept: "text/html"]) { response in
                #expect(response.status == .seeOther)  // anonymous: to the login page
            }
            try await client.execute(
                uri: "/import", method: .get, headers: [.accept: "text/html", .cookie: "arianna_session=\(user.token)"]
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("enctype=\"multipart/form-data\""))
                #expect(html.contains("value=\"\(user.csrfToken)\""))
            }
            // When the form is posted with its CSRF field (cookie only, no header)
            try await client.execute(
                uri: "/import", method: .post,
                headers: [
                    .cookie: "arianna_session=\(user.token)", .contentType: "multipart/form-data; boundary=\(boundary)",
                    .acceptLanguage: "en"
                ],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("TCK/2030/000001"))
                #expect(html.contains("data-row=\"3\""))
                #expect(
                    html.contains("There is no active activity type with code &#39;NOPE&#39;.")
                        || html.contains("There is no active activity type with code &apos;NOPE&apos;.")
                        || html.contains("There is no active activity type with code 'NOPE'."))
                #expect(html.contains("Rejected"))
            }
            // and without the CSRF field it is refused
            try await client.execute(
                uri: "/import", method: .post,
                headers: [.cookie: "arianna_session=\(user.token)", .contentType: "text/csv"],
                body: ByteBuffer(string: file)
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(try await fixture.store.tickets().count == 1)
        let ticket = try #require(try await fixture.store.tickets().first)
        #expect(ticket.customer.name == "Bar <Nuovo>")
    }
}
