import Foundation
import GRDB
import Logging
import Testing

@testable import IntakeService
@testable import ServiceKit

/// The email channel: the hand-written RFC 5322 / MIME reader, and the maildir watcher over a
/// real temporary maildir and a real SQLite file.
@Suite struct EmailChannelTests {
    /// A maildir in a fresh temporary folder, watched for a store on disk.
    struct MaildirFixture {
        let intake: IntakeFixture
        let watcher: MaildirWatcher
        var root: URL { watcher.settings.maildir }

        init() async throws {
            intake = try await IntakeFixture(onDisk: true)
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID().uuidString)")
            watcher = MaildirWatcher(
                store: intake.store, settings: EmailIntakeSettings(maildir: root),
                attachments: AttachmentFolder(url: root.appendingPathComponent("attachments")),
                logger: Logger(label: "test"))
            try watcher.prepareFolders()
        }

        /// Delivers `text` as an MTA does: written to tmp/, then renamed into new/.
        func deliver(_ text: String, as name: String) throws {
            let tmp = root.appendingPathComponent("tmp/\(name)")
            try Data(text.utf8).write(to: tmp)
            try FileManager.default.moveItem(at: tmp, to: root.appendingPathComponent("new/\(name)"))
        }

        func files(in folder: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path).sorted()
        }

        /// The recorded outcome and ticket of a message key.
        func mailRow(_ key: String) async throws -> [String: String]? {
            try await intake.context.database.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT outcome, ticketID FROM mailMessage WHERE messageKey = ?", arguments: [key]
                )
                .map { row in ["outcome": row["outcome"], "ticketID": row["ticketID"]].compactMapValues { $0 } }
            }
        }
    }

    static func message(
        from: String = "Studio Dentistico Ferri <segreteria@studioferri.example>",
        id: String? = "<m1@studioferri.example>",
        subject: String = "Compressor broken", body: String = "The compressor in room 2 stopped.\nAppliance: Compressor"
    ) -> String {
        var lines = [
            "From: \(from)", "To: assistenza@arianna.example", "Subject: \(subject)",
            "Date: Mon, 18 Mar 2030 09:00:00 +0100", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8"
        ]
        if let id { lines.append("Message-ID: \(id)") }
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
    }

    // MARK: parsing

    @Test func parse_foldedHeaders_andEncodedWords() {
        // Given a subject folded over two lines with a B and a Q encoded word, and an encoded display name
        let raw = """
            From: =?UTF-8?Q?Caff=C3=A8_Bar=C3=B9?=
             <caffe@baru.example>
            Subject: =?UTF-8?B?Q2FsZGFpYSByb3R0YQ==?=
            \t=?utf-8?q?_in_cucina_=E2=80=93_urgente?= oggi
            Message-ID:
             <abc@baru.example>

            Body
            """
        // When parsing
        let email = InboundEmail(raw: Array(raw.utf8))
        // Then folding is undone, adjacent encoded words join and the plain word keeps its space
        #expect(email.subject == "Caldaia rotta in cucina – urgente oggi")
        #expect(email.from == MailAddress(name: "Caffè Barù", address: "caffe@baru.example"))
        #expect(email.messageID == "abc@baru.example")
        #expect(email.body == "Body")
    }

    @Test func parse_quotedPrintable_latin1() {
        let raw =
            "From: \"Rossi, Anna\" <Anna.Rossi@Example.com>\r\nSubject: =?iso-8859-1?Q?Perdita_d'acqua_=E0_Como?=\r\n"
            + "Content-Type: text/plain; charset=\"ISO-8859-1\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "La lavatrice perde acqua: pu=F2 venire un tecnico? Una riga molto lunga che =\r\ncontinua qui.\r\n"
        let email = InboundEmail(raw: Array(raw.utf8))
        #expect(email.from == MailAddress(name: "Rossi, Anna", address: "anna.rossi@example.com"))
        #expect(email.subject == "Perdita d'acqua à Como")
        #expect(email.body == "La lavatrice perde acqua: può venire un tecnico? Una riga molto lunga che continua qui.")
    }

    @Test func parse_base64_utf8() {
        let body = Data("Il forno non scalda più.\nGrazie, Gino".utf8).base64EncodedString(
            options: .lineLength64Characters)
        let raw =
            "From: gino@dagino.example\nSubject: Forno\nContent-Type: text/plain; charset=utf-8\n"
            + "Content-Transfer-Encoding: base64\n\n\(body)\n"
        let email = InboundEmail(raw: Array(raw.utf8))
        #expect(email.from == MailAddress(name: "", address: "gino@dagino.example"))
        #expect(email.body == "Il forno non scalda più.\nGrazie, Gino")
        #expect(email.messageID == nil)
    }

    @Test func parse_multipartAlternative_takesThePlainPart() {
        let raw = """
            From: Hotel Lago Blu <m@lagoblu.example>
            Subject: Boiler
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            preamble to ignore
            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/html; charset=utf-8

            <p>HTML <b>version</b></p>
            --inner
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            La caldaia =C3=A8 in blocco.
            --inner--
            --outer
            Content-Type: text/plain; name="log.txt"
            Content-Disposition: attachment; filename="log.txt"

            attached log
            --outer--
            """
        let email = InboundEmail(raw: Array(raw.utf8))
        #expect(email.body == "La caldaia è in blocco.")
    }

    @Test func parse_htmlOnly_isReducedToText() {
        let raw =
            "From: a@b.example\nContent-Type: text/html\n\n<html><body><p>Forno&nbsp;rotto</p><br>Grazie</body></html>\n"
        #expect(InboundEmail(raw: Array(raw.utf8)).body == "Forno rotto\n\nGrazie")
    }

    // MARK: the maildir

    @Test func knownSender_opensATicket_forTheMatchedCustomer_andMovesTheFileToCur() async throws {
        // Given a message from a known customer's address, in another case
        let fixture = try await MaildirFixture()
        try fixture.deliver(
            Self.message(from: "Segreteria <SEGRETERIA@StudioFerri.example>"), as: "1900000000.M1P1.host")
        // When the watcher polls
        let results = await fixture.watcher.pollOnce()
        // Then one ticket is opened for that customer through the email channel
        let outcome = try #require(results.first?.outcome)
        guard case .opened(let ticketID, _, let newCustomer) = outcome else {
            Issue.record("not opened: \(outcome)")
            return
        }
        #expect(!newCustomer)
        let ticket = try await fixture.intake.store.ticket(id: ticketID)
        #expect(ticket.customer.id == "cus-ferri")
        #expect(ticket.channel == .email)
        #expect(ticket.activityType.code == "REPAIR")
        #expect(ticket.description == "Compressor broken\n\nThe compressor in room 2 stopped.\nAppliance: Compressor")
        #expect(ticket.customFields["appliance"] == "Compressor")
        // and the message is recorded and marked seen in cur/
        let row = try #require(try await fixture.mailRow("m1@studioferri.example"))
        #expect(row["outcome"] == "opened")
        #expect(row["ticketID"] == ticketID)
        #expect(try fixture.files(in: "new").isEmpty)
        #expect(try fixture.files(in: "cur") == ["1900000000.M1P1.host:2,S"])
    }

    @Test func unknownSender_becomesANewCustomer_flaggedInTheHistory() async throws {
        let fixture = try await MaildirFixture()
        try fixture.deliver(
            Self.message(
                from: "\"Pizzeria Vesuvio\" <info@vesuvio.example>", id: "<v1@vesuvio.example>",
                body: "The oven does not heat."), as: "1.host")
        let results = await fixture.watcher.pollOnce()
        guard case .opened(let ticketID, _, true)? = results.first?.outcome else {
            Issue.record("expected a ticket for a new customer, got \(String(describing: results.first?.outcome))")
            return
        }
        let ticket = try await fixture.intake.store.ticket(id: ticketID)
        #expect(ticket.customer.name == "Pizzeria Vesuvio")
        #expect(ticket.customer.email == "info@vesuvio.example")
        // the required text field the email could not fill waits for the back office
        #expect(ticket.customFields["appliance"] == EmailCustomFields.toBeCompleted)
        let history = try await fixture.intake.store.history(ofTicket: ticketID)
        #expect(
            history.contains { $0.summary.contains("New customer from email: Pizzeria Vesuvio <info@vesuvio.example>") }
        )
        #expect(try await fixture.mailRow("v1@vesuvio.example")?["outcome"] == "opened: new customer")
    }

    @Test func sameMessageDeliveredTwice_opensOneTicket() async throws {
        let fixture = try await MaildirFixture()
        try fixture.deliver(Self.message(), as: "1.host")
        try fixture.deliver(Self.message(), as: "2.host")
        let results = await fixture.watcher.pollOnce()
        #expect(results.count == 2)
        guard case .alreadyProcessed("opened", let id)? = results.last?.outcome, id != nil else {
            Issue.record("second delivery: \(String(describing: results.last?.outcome))")
            return
        }
        #expect(try await fixture.intake.store.tickets().count == 1)
        #expect(try fixture.files(in: "cur") == ["1.host:2,S", "2.host:2,S"])
    }

    @Test func messageRecordedButLeftInNew_isOnlyMoved() async throws {
        // Given a message processed and committed, whose file is back in new/ as after a crash
        // between the commit and the move
        let fixture = try await MaildirFixture()
        try fixture.deliver(Self.message(id: nil), as: "1.host")
        await fixture.watcher.pollOnce()
        try FileManager.default.moveItem(
            at: fixture.root.appendingPathComponent("cur/1.host:2,S"),
            to: fixture.root.appendingPathComponent("new/1.host"))
        // When the watcher polls again
        let results = await fixture.watcher.pollOnce()
        // Then no second ticket is opened (the key is the SHA-256 of the bytes) and the file is moved
        guard case .alreadyProcessed? = results.first?.outcome else {
            Issue.record("\(results)")
            return
        }
        #expect(try await fixture.intake.store.tickets().count == 1)
        #expect(try fixture.files(in: "new").isEmpty)
        #expect(try fixture.files(in: "cur") == ["1.host:2,S"])
        let keys = try await fixture.intake.context.database.read { db in
            try String.fetchAll(db, sql: "SELECT messageKey FROM mailMessage")
        }
        #expect(keys.count == 1)
        #expect(keys.first?.hasPrefix("sha256:") == true)
    }

    @Test func badMessages_areRecordedAsRejected_andSetAside() async throws {
        let fixture = try await MaildirFixture()
        try fixture.deliver("Subject: no sender\r\nMessage-ID: <ns@x.example>\r\n\r\nHello\r\n", as: "1.host")
        try fixture.deliver(Self.message(id: "<empty@x.example>", subject: "", body: "   "), as: "2.host")
        try fixture.deliver("\u{0}\u{1}garbage without headers", as: "3.host")
        let results = await fixture.watcher.pollOnce()
        #expect(
            results.map { $0.outcome } == [
                .rejected("no usable sender address"), .rejected("the message is empty"),
                .rejected("no usable sender address")
            ])
        #expect(try fixture.files(in: "rejected") == ["1.host", "2.host", "3.host"])
        #expect(try fixture.files(in: "new").isEmpty)
        #expect(try await fixture.mailRow("ns@x.example")?["outcome"] == "rejected: no usable sender address")
        #expect(try await fixture.intake.store.tickets().isEmpty)
        // and delivering the rejected message again is not tried again
        try fixture.deliver("Subject: no sender\r\nMessage-ID: <ns@x.example>\r\n\r\nHello\r\n", as: "4.host")
        let again = await fixture.watcher.pollOnce()
        #expect(
            again.first?.outcome == .alreadyProcessed(recorded: "rejected: no usable sender address", ticketID: nil))
        #expect(try fixture.files(in: "rejected") == ["1.host", "2.host", "3.host", "4.host"])
    }

    @Test func aFileThatKeepsFailing_isSetAside_afterFiveAttempts() async throws {
        // Given something in new/ that cannot be read as a message (a folder), and a good message
        let fixture = try await MaildirFixture()
        try FileManager.default.createDirectory(
            at: fixture.root.appendingPathComponent("new/1.broken"), withIntermediateDirectories: false)
        try fixture.deliver(Self.message(), as: "2.host")
        var failures: [String: Int] = [:]
        // When polling: the good message is not held up, the broken one is retried…
        let first = await fixture.watcher.poll(failures: &failures)
        #expect(first.map { $0.file } == ["1.broken", "2.host"])
        #expect(first[0].outcome == nil)
        #expect(try fixture.files(in: "cur") == ["2.host:2,S"])
        for _ in 2...MaildirWatcher.maximumAttempts { await fixture.watcher.poll(failures: &failures) }
        // …then set aside, so it is not retried forever
        #expect(try fixture.files(in: "new").isEmpty)
        #expect(try fixture.files(in: "rejected") == ["1.broken"])
        #expect(failures.isEmpty)
    }

    @Test func missingFolders_areCreated() async throws {
        let fixture = try await MaildirFixture()
        try FileManager.default.removeItem(at: fixture.root)
        try fixture.watcher.prepareFolders()
        for folder in ["new", "cur", "tmp", "rejected"] {
            #expect(FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent(folder).path))
        }
    }

    @Test func settings_comeFromTheCommandLine_withTheMaildirInTheDataFolderByDefault() async throws {
        let fixture = try await IntakeFixture()
        let folder = fixture.context.configuration.dataDirectory
        let defaults = EmailIntakeSettings(EmailChannelSettings(), dataDirectory: folder)
        #expect(defaults.maildir.path == "/tmp/maildir")
        #expect(defaults.activityTypeCode == "REPAIR")
        // What `--maildir` / `--email-activity-type` (or their variables) give `IntakeService.Settings`.
        let configured = EmailIntakeSettings(
            EmailChannelSettings(maildir: URL(fileURLWithPath: "/var/mail/arianna"), activityTypeCode: "WARRANTY"),
            dataDirectory: folder)
        #expect(configured.maildir.path == "/var/mail/arianna")
        #expect(configured.activityTypeCode == "WARRANTY")
    }
}
