import AriannaProtocol
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import IntakeDomain
import Logging
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// Ticket attachments: an email's files kept with the ticket it opens (a real maildir, a real
/// SQLite file, a real folder), content checked by magic bytes, and the upload/download routes.
@Suite struct AttachmentTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\r\ntrailer\n%%EOF\n".utf8)
    /// A JPEG's first bytes, with a CR LF and NULs inside: any CRLF → LF rewrite would show.
    static let jpeg: [UInt8] = [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x0D, 0x0A, 0x00, 0xFF, 0xD9
    ]
    static let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 56)
    static let windowsProgram: [UInt8] = Array("MZ".utf8) + [0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]

    static func base64Lines(_ bytes: [UInt8]) -> String {
        let text = Data(bytes).base64EncodedString()
        return stride(from: 0, to: text.count, by: 76).map { start in
            let from = text.index(text.startIndex, offsetBy: start)
            return String(text[from..<(text.index(from, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex)])
        }.joined(separator: "\r\n")
    }

    /// A message with a text part and the given files, as a phone's mail app sends it.
    static func email(id: String, files: [(header: String, bytes: [UInt8])]) -> String {
        var text = """
            From: Bar Nuovo <bar@nuovo.example>\r
            To: assistenza@example.com\r
            Subject: Macchina del caffè rotta\r
            Message-ID: <\(id)>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="mix"\r
            \r
            --mix\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Perde acqua, foto e fattura allegate.\r
            Appliance: Macchina espresso\r

            """
        for file in files {
            text += "--mix\r\n\(file.header)\r\nContent-Transfer-Encoding: base64\r\n\r\n\(base64Lines(file.bytes))\r\n"
        }
        return text + "--mix--\r\n"
    }

    struct Mailbox {
        let intake: IntakeFixture
        let watcher: MaildirWatcher
        let folder: AttachmentFolder

        init() async throws {
            intake = try await IntakeFixture(onDisk: true)
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID().uuidString)")
            folder = AttachmentFolder(url: root.appendingPathComponent("attachments"))
            watcher = MaildirWatcher(
                store: intake.store, settings: EmailIntakeSettings(maildir: root), attachments: folder,
                logger: Logger(label: "test"))
            try watcher.prepareFolders()
        }

        func deliver(_ text: String) async throws -> String {
            let name = "1900000000.M\(UUID().uuidString.prefix(6)).host"
            let tmp = watcher.settings.maildir.appendingPathComponent("tmp/\(name)")
            try Data(text.utf8).write(to: tmp)
            try FileManager.default.moveItem(
                at: tmp, to: watcher.settings.maildir.appendingPathComponent("new/\(name)"))
            let outcome = try #require(await watcher.pollOnce().first?.outcome)
            guard case .opened(let ticketID, _, _) = outcome else { throw IntakeError.ticketNotFound("\(outcome)") }
            return ticketID
        }

        func storedFiles() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? []).sorted()
        }
    }

    // MARK: email

    @Test func anEmailWithTwoAttachments_keepsBoth_withTheTicket() async throws {
        let mailbox = try await Mailbox()
        let ticketID = try await mailbox.deliver(
            Self.email(
                id: "two@nuovo.example",
                files: [
                    (
                        "Content-Type: image/jpeg\r\nContent-Disposition: inline; filename*=UTF-8''foto%20caff%C3%A8.jpg",
                        Self.jpeg
                    ),
                    (
                        "Content-Type: application/pdf; name=\"fattura 12/2030.pdf\"\r\nContent-Disposition: attachment; filename=\"fattura 12/2030.pdf\"",
                        Self.pdf
                    )
                ]))
        let records = try await mailbox.intake.store.attachments(ofTicket: ticketID)
        #expect(records.map(\.fileName) == ["foto caffè.jpg", "2030.pdf"])
        #expect(records.map(\.contentType) == ["image/jpeg", "application/pdf"])
        #expect(records.allSatisfy { $0.source == .email })
        // the bytes on disk are the attachment's, byte for byte, under the records' ids
        #expect(try [UInt8](mailbox.folder.read(records[0].id)) == Self.jpeg)
        #expect(try [UInt8](mailbox.folder.read(records[1].id)) == Self.pdf)
        #expect(mailbox.storedFiles() == records.map(\.id).sorted())
        // and the body is the text part, not a file
        let ticket = try await mailbox.intake.store.ticket(id: ticketID)
        #expect(ticket.description.hasPrefix("Macchina del caffè rotta\n\nPerde acqua"))
        let history = try await mailbox.intake.store.history(ofTicket: ticketID)
        #expect(history.contains { $0.eventType == "attachment.added" && $0.summary.contains("foto caffè.jpg") })
    }

    @Test func aDisguisedExecutable_isRefusedByContent_andTheTicketStillOpens() async throws {
        let mailbox = try await Mailbox()
        let ticketID = try await mailbox.deliver(
            Self.email(
                id: "exe@nuovo.example",
                files: [
                    (
                        "Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"fattura.pdf\"",
                        Self.elf
                    ),
                    (
                        "Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"preventivo.pdf\"",
                        Self.windowsProgram
                    ),
                    (
                        "Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"leggimi.pdf\"",
                        Array("#!/bin/sh\nrm -rf /\n".utf8)
                    ),
                    ("Content-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"foto.jpg\"", Self.jpeg)
                ]))
        let records = try await mailbox.intake.store.attachments(ofTicket: ticketID)
        #expect(records.map(\.fileName) == ["foto.jpg"])
        #expect(mailbox.storedFiles() == [records[0].id])
        let refused = try await mailbox.intake.store.history(ofTicket: ticketID).filter {
            $0.eventType == "attachment.refused"
        }
        #expect(refused.count == 3)
        #expect(refused.allSatisfy { $0.summary.contains("is a program or a script (recognised by its content") })
        #expect(refused.contains { $0.summary.contains("'fattura.pdf'") })
    }

    @Test func aMessageSeenAgain_leavesNoSecondCopyOfItsFiles() async throws {
        let mailbox = try await Mailbox()
        let message = Self.email(
            id: "again@nuovo.example",
            files: [
                ("Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"a.pdf\"", Self.pdf)
            ])
        let ticketID = try await mailbox.deliver(message)
        let name = "1900000001.again.host"
        try Data(message.utf8).write(to: mailbox.watcher.settings.maildir.appendingPathComponent("new/\(name)"))
        _ = await mailbox.watcher.pollOnce()
        #expect(try await mailbox.intake.store.attachments(ofTicket: ticketID).count == 1)
        #expect(mailbox.storedFiles().count == 1)
    }

    // MARK: content and names

    @Test func content_isIdentifiedByMagicBytes() throws {
        #expect(try AttachmentContent.identify(Self.pdf).contentType == "application/pdf")
        #expect(try AttachmentContent.identify(Self.jpeg).contentType == "image/jpeg")
        #expect(try AttachmentContent.identify(Array("Caffè Città\n".utf8)).contentType == "text/plain; charset=utf-8")
        #expect(
            try AttachmentContent.identify([0x43, 0x61, 0x66, 0x66, 0xE8]).contentType
                == "text/plain; charset=windows-1252")
        let docx: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array("....[Content_Types].xml....word/document.xml".utf8)
        #expect(try AttachmentContent.identify(docx).extensions == ["docx"])
        #expect(throws: AttachmentContent.Refusal.unknownType) {
            try AttachmentContent.identify([0x50, 0x4B, 0x03, 0x04] + Array("payload.exe".utf8))
        }
        #expect(throws: AttachmentContent.Refusal.executable) { try AttachmentContent.identify(Self.elf) }
        #expect(throws: AttachmentContent.Refusal.executable) { try AttachmentContent.identify(Self.windowsProgram) }
        #expect(throws: AttachmentContent.Refusal.empty) { try AttachmentContent.identify([]) }
    }

    @Test func names_areSanitised_andGetTheContentsExtension() throws {
        let pdf = try AttachmentContent.identify(Self.pdf)
        let text = try AttachmentContent.identify(Array("x".utf8))
        #expect(AttachmentName.sanitised("../../etc/passwd", content: text) == "passwd.txt")
        #expect(AttachmentName.sanitised("C:\\Users\\ufficio\\fattura<1>.pdf", content: pdf) == "fattura_1_.pdf")
        #expect(AttachmentName.sanitised("script.sh", content: pdf) == "script.sh.pdf")
        #expect(AttachmentName.sanitised(".hidden\u{0}\u{7}", content: pdf) == "hidden.pdf")
        #expect(AttachmentName.sanitised("", content: pdf) == "allegato.pdf")
        #expect(AttachmentName.sanitised(String(repeating: "è", count: 300) + ".pdf", content: pdf).count == 120)
    }

    // MARK: routes

    /// A multipart form body with `_csrf` and files in the field `file`.
    static func form(boundary: String, csrf: String?, files: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var body: [UInt8] = []
        if let csrf {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8)
        }
        for file in files {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        return body + Array("--\(boundary)--\r\n".utf8)
    }

    func routeFixture() async throws -> (IntakeFixture, String) {
        let fixture = try await IntakeFixture(onDisk: true)
        let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)
        return (fixture, ticket.id)
    }

    @Test func upload_thenListAndDownload_byteForByte() async throws {
        let (fixture, ticketID) = try await routeFixture()
        let user = try await fixture.session([.ticketsOpen, .ticketsRead])
        let boundary = "----arianna-att"
        let body = Self.form(
            boundary: boundary, csrf: nil, files: [("foto caffè.jpg", Self.jpeg), ("fattura.pdf", Self.pdf)])
        try await Application(router: fixture.router).test(.router) { client in
            var ids: [String] = []
            try await client.authenticated(as: user, presentation: .bearer).execute(
                uri: "/api/tickets/\(ticketID)/attachments", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(bytes: body)
            ) { response in
                #expect(response.status == .created)
                let records = try APIJSON.decoder.decode([AttachmentRecord].self, from: Data(buffer: response.body))
                #expect(records.map(\.fileName) == ["foto caffè.jpg", "fattura.pdf"])
                #expect(records.map(\.byteCount) == [Self.jpeg.count, Self.pdf.count])
                ids = records.map(\.id)
            }
            try await client.authenticated(as: user).execute(uri: "/api/tickets/\(ticketID)/attachments", method: .get)
            { response in
                #expect(response.status == .ok)
                let listed = try APIJSON.decoder.decode(
                    ListingPage<AttachmentRecord>.self, from: Data(buffer: response.body))
                #expect(listed.items.map(\.id) == ids)
            }
            try await client.authenticated(as: user).execute(
                uri: "/api/tickets/\(ticketID)/attachments/\(ids[0])", method: .get
            ) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView) == Self.jpeg)
                #expect(response.headers[.contentType] == "image/jpeg")
                #expect(
                    response.headers[.contentDisposition]
                        == "attachment; filename=\"foto caff_.jpg\"; filename*=UTF-8''foto%20caff%C3%A8.jpg")
                #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff")
            }
            // one file as the body, named by ?name=
            try await client.authenticated(as: user, presentation: .bearer).execute(
                uri: "/api/tickets/\(ticketID)/attachments?name=nota.txt", method: .post,
                headers: [.contentType: "text/plain"], body: ByteBuffer(string: "Chiamare dopo le 15.")
            ) { response in
                #expect(response.status == .created)
            }
            try await client.authenticated(as: user).execute(
                uri: "/api/tickets/\(ticketID)/attachments/nope", method: .get
            ) { response in
                #expect(response.status == .notFound)
            }
            try await client.authenticated(as: user).execute(uri: "/api/tickets/nope/attachments", method: .get) {
                response in
                #expect(response.status == .notFound)
            }
        }
        #expect(try await fixture.store.attachments(ofTicket: ticketID).count == 3)
    }

    @Test func thePageForm_attaches_andTheTicketPageListsTheFiles() async throws {
        let (fixture, ticketID) = try await routeFixture()
        let user = try await fixture.session([.ticketsOpen, .ticketsRead])
        let reader = try await fixture.session([.ticketsRead])
        let boundary = "----arianna-page"
        let good = Self.form(
            boundary: boundary, csrf: user.csrfToken,
            files: [("scontrino.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D])])
        let bad = Self.form(
            boundary: boundary, csrf: user.csrfToken, files: [("ok.pdf", Self.pdf), ("fattura.pdf", Self.elf)])
        try await Application(router: fixture.router).test(.router) { client in
            try await client.execute(
                uri: "/tickets/\(ticketID)/attachments", method: .post,
                headers: [
                    .cookie: "arianna_session=\(user.token)", .contentType: "multipart/form-data; boundary=\(boundary)"
                ],
                body: ByteBuffer(bytes: good)
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/tickets/\(ticketID)#attachments")
            }
            // a disguised executable among the files: nothing of the upload is attached
            try await client.execute(
                uri: "/tickets/\(ticketID)/attachments", method: .post,
                headers: [
                    .cookie: "arianna_session=\(user.token)", .contentType: "multipart/form-data; boundary=\(boundary)",
                    .acceptLanguage: "it"
                ],
                body: ByteBuffer(bytes: bad)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("è un programma o uno script"))
            }
            try await client.execute(
                uri: "/tickets/\(ticketID)", method: .get,
                headers: [.cookie: "arianna_session=\(user.token)", .acceptLanguage: "en"]
            ) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("id=\"attachment-form\""))
                #expect(html.contains("scontrino.png"))
                #expect(!html.contains("ok.pdf"))
            }
            // a reader sees the files but no form
            try await client.execute(
                uri: "/tickets/\(ticketID)", method: .get, headers: [.cookie: "arianna_session=\(reader.token)"]
            ) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("scontrino.png"))
                #expect(!html.contains("id=\"attachment-form\""))
            }
        }
        #expect(try await fixture.store.attachments(ofTicket: ticketID).map(\.fileName) == ["scontrino.png"])
    }

    @Test func theCallPage_opensTheTicketWithItsFiles_orNothingWhenAFileIsRefused() async throws {
        let fixture = try await IntakeFixture(onDisk: true)
        let user = try await fixture.session([.ticketsOpen, .ticketsRead])
        let boundary = "----arianna-call"
        func body(formID: String, file: (name: String, bytes: [UInt8])) -> [UInt8] {
            var body: [UInt8] = []
            for (name, value) in [
                ("_csrf", user.csrfToken), ("pick", "new"), ("customerName", "Caffè Città"),
                ("activityType", "REPAIR"), ("description", "Perde acqua & fa rumore"),
                ("field.REPAIR.appliance", "Macchina espresso"), ("formID", formID)
            ] {
                body += Array(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
            }
            return body + Array(Self.form(boundary: boundary, csrf: nil, files: [file]))
        }
        let refused = body(formID: "f-exe", file: ("foto.jpg", Self.elf))
        let accepted = body(formID: "f-ok", file: ("foto.jpg", Self.jpeg))
        let headers: HTTPFields = [
            .cookie: "arianna_session=\(user.token)", .contentType: "multipart/form-data; boundary=\(boundary)",
            .acceptLanguage: "en"
        ]
        try await Application(router: fixture.router).test(.router) { client in
            try await client.execute(
                uri: "/tickets/new", method: .post, headers: headers,
                body: ByteBuffer(bytes: refused)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("is a program or a script"))
            }
            #expect(try await fixture.store.tickets().isEmpty)
            try await client.execute(
                uri: "/tickets/new", method: .post, headers: headers,
                body: ByteBuffer(bytes: accepted)
            ) { response in
                #expect(response.status == .seeOther)
            }
        }
        let ticket = try #require(try await fixture.store.tickets().first)
        #expect(ticket.customer.name == "Caffè Città")
        #expect(ticket.description == "Perde acqua & fa rumore")
        let records = try await fixture.store.attachments(ofTicket: ticket.id)
        #expect(records.map(\.fileName) == ["foto.jpg"])
        #expect(try [UInt8](AttachmentFolder(context: fixture.context).read(records[0].id)) == Self.jpeg)
    }

    @Test func aUserOfOtherPractices_cannotReachTheTicketsFiles() async throws {
        let (fixture, ticketID) = try await routeFixture()
        let practice = try #require(try await fixture.store.ticket(id: ticketID).practiceID)
        let record = try #require(
            try await fixture.store.attach(
                [IncomingAttachment(declaredName: "a.pdf", bytes: Self.pdf)], toTicket: ticketID, addedBy: nil,
                folder: AttachmentFolder(context: fixture.context)
            ).first)
        let outsider = try await fixture.session([.ticketsOpen, .ticketsRead], practiceIDs: ["pr-elsewhere"])
        let insider = try await fixture.session([.ticketsRead], practiceIDs: [practice])
        try await Application(router: fixture.router).test(.router) { client in
            for uri in ["/api/tickets/\(ticketID)/attachments", "/api/tickets/\(ticketID)/attachments/\(record.id)"] {
                try await client.authenticated(as: outsider).execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                }
                try await client.authenticated(as: insider).execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                }
            }
            try await client.authenticated(as: outsider, presentation: .bearer).execute(
                uri: "/api/tickets/\(ticketID)/attachments?name=x.pdf", method: .post, body: ByteBuffer(bytes: Self.pdf)
            ) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}

extension IntakeFixture {
    /// A session whose user sees only `practiceIDs`' tickets (practices travel in the signed claims).
    func session(_ permissions: Set<Permission>, practiceIDs: [String]) async throws -> SessionCredentials {
        let id = UUID().uuidString.prefix(8).lowercased()
        let claims = SessionClaims(
            sessionID: "s-\(id)", userID: "u-\(id)", username: "user-\(id)", displayName: "User \(id)",
            permissions: permissions, practiceIDs: practiceIDs, expiresAt: Self.now.addingTimeInterval(3600))
        try await context.database.write { db in
            try UserRecord(
                id: claims.userID, username: claims.username, operatorID: nil, passwordHash: nil,
                permissions: permissions.sorted(), practiceIDs: practiceIDs, language: nil, active: true
            ).insert(db)
            try SessionRecord(
                id: claims.sessionID, userID: claims.userID, createdAt: Self.now, expiresAt: claims.expiresAt,
                endedAt: nil
            ).insert(db)
        }
        return SessionCredentials(claims: claims, key: context.configuration.sessionKey)
    }
}
