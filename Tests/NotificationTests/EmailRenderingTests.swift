import Foundation
import NotificationDomain
import ServiceTestSupport
import Testing

@testable import NotificationService

@Suite("Email rendering")
struct EmailRenderingTests {
    @Test(arguments: EmailKind.allCases)
    func rendersASubjectAndABody_forEveryKind(kind: EmailKind) throws {
        // Given
        let renderer = try EmailRenderer.bundled()
        let facts = EmailFacts(
            customerName: "Rossi Impianti S.r.l.", ticketNumber: "TCK/2026/000123", description: "Knocking noise",
            title: "Boiler repair", start: Instant.morningStart, end: Instant.morningEnd,
            previousStart: Instant.afternoonStart, previousEnd: Instant.afternoonEnd,
            technicianName: "Giulia Bianchi", reason: "Customer away")
        // When
        let content = try renderer.render(kind, facts: facts, timeZone: rome)
        // Then
        #expect(!content.subject.isEmpty)
        #expect(!content.subject.contains("\n"))
        #expect(content.body.contains("Rossi Impianti S.r.l."))
        #expect(!content.body.contains("{{"), "every tag was filled in")
        #expect(!content.body.hasPrefix("\n"))
    }

    @Test func saysWeReceivedTheRequest_whenATicketIsOpened() throws {
        let content = try EmailRenderer.bundled().render(
            .ticketOpened, facts: EmailFacts(customerName: "Anna <Neri> & figli", ticketNumber: "TCK/2026/000123"),
            timeZone: rome)
        #expect(content.subject == "Richiesta TCK/2026/000123 ricevuta")
        #expect(content.body.contains("abbiamo ricevuto la sua richiesta TCK/2026/000123"))
        #expect(content.body.contains("Gentile Anna <Neri> & figli,"), "plain text is not HTML-escaped")
        #expect(content.html?.contains("Gentile Anna &lt;Neri&gt; &amp; figli,") == true, "the HTML escapes user data")
        #expect(content.html?.contains("<html lang=\"it\">") == true)
    }

    @Test(arguments: EmailKind.allCases)
    func writesEachEmailInOneLanguageOnly(kind: EmailKind) throws {
        var facts = EmailFacts(
            customerName: "Rossi", ticketNumber: "TCK/2026/000123", description: "Rumore", title: "Caldaia",
            start: Instant.morningStart, end: Instant.morningEnd, previousStart: Instant.afternoonStart,
            previousEnd: Instant.afternoonEnd, technicianName: "Giulia Bianchi", reason: "Assente")
        facts.recipientName = "Giulia Bianchi"
        facts.reportURL = "https://report.example/r/1"
        let renderer = try EmailRenderer.bundled()
        let italian = try renderer.render(kind, facts: facts, timeZone: rome)
        facts.language = "en"
        let english = try renderer.render(kind, facts: facts, timeZone: rome)
        let englishWords = ["Dear", "Hello", "Date:", "request", "appointment", "Appointment", "visit", "deadline"]
        let italianWords = [
            "Gentile", "Ciao", "Data:", "richiesta", "appuntamento", "Appuntamento", "intervento", "scadenza"
        ]
        for (text, foreign) in [
            (italian.subject + italian.body, englishWords), (english.subject + english.body, italianWords)
        ] {
            #expect(!foreign.contains { text.contains($0) }, "\(kind): \(text)")
        }
        #expect(english.html?.contains("<html lang=\"en\">") == true)
        #expect(!(english.html ?? "").contains("{{"))
    }

    @Test func greetsTheCustomerGenerically_whenTheNameIsBlank() throws {
        var facts = EmailFacts(customerName: " ", ticketNumber: "TCK/2026/000123")
        let renderer = try EmailRenderer.bundled()
        #expect(try renderer.render(.ticketOpened, facts: facts, timeZone: rome).body.contains("Gentile Cliente,"))
        facts.language = "en"
        let english = try renderer.render(.ticketOpened, facts: facts, timeZone: rome)
        #expect(english.body.contains("Dear Customer,"))
        #expect(english.subject == "We received your request TCK/2026/000123")
    }

    @Test func showsOldAndNewSlot_whenAnAppointmentMoves() throws {
        var facts = EmailFacts(
            customerName: "Rossi", ticketNumber: nil, title: "Boiler repair", start: Instant.afternoonStart,
            end: Instant.afternoonEnd, previousStart: Instant.morningStart, previousEnd: Instant.morningEnd,
            technicianName: "Marco Verdi")
        facts.language = "en"
        let content = try EmailRenderer.bundled().render(.appointmentMoved, facts: facts, timeZone: rome)
        #expect(content.subject == "Appointment moved to 01/12/2026 at 15:00")
        #expect(content.body.contains("planned on 30/11/2026 at 10:00 has been moved"))
        #expect(content.body.contains("New date: 01/12/2026, from 15:00 to 16:30"))
        #expect(!content.body.contains("request"), "no ticket, no ticket sentence")
    }

    @Test func leavesOutReasonAndTechnician_whenACancellationHasNeither() throws {
        var facts = EmailFacts(
            customerName: "Rossi", start: Instant.morningStart, end: Instant.morningEnd, reason: "  ")
        facts.language = "en"
        let content = try EmailRenderer.bundled().render(.appointmentCancelled, facts: facts, timeZone: rome)
        #expect(content.body.contains("planned on 30/11/2026 from 10:00 to 11:30 has been cancelled."))
        #expect(!content.body.contains("Reason"))
        #expect(!content.body.contains("technician"))
    }
}

@Suite("RFC 5322 message")
struct MailMessageTests {
    static func message(subject: String = "Hello", name: String = "Rossi", body: String = "Line 1\nLine 2")
        -> MailMessage
    {
        MailMessage(
            id: "job-1", from: "Arianna <noreply@arianna.example>",
            to: EmailRecipient(validatedAddress: "a@rossi.example", name: name),
            content: EmailContent(subject: subject, body: body), date: Instant.now, timeZone: rome)
    }

    @Test func encodesNonASCIIHeaders_asUTF8EncodedWords() throws {
        let text = Self.message(subject: "Società: intervento è fissato", name: "Nicolò Bianchi").rfc5322
        let subject = "=?UTF-8?B?\(Data("Società: intervento è fissato".utf8).base64EncodedString())?="
        #expect(text.contains("Subject: \(subject)\r\n"))
        #expect(
            text.contains("To: =?UTF-8?B?\(Data("Nicolò Bianchi".utf8).base64EncodedString())?= <a@rossi.example>\r\n"))
    }

    @Test func takesTheMessageIDDomain_fromTheSender() {
        #expect(Self.message().messageID == "<job-1@arianna.example>")
        let bare = MailMessage(
            id: "job-2", from: "noreply", to: EmailRecipient(validatedAddress: "a@rossi.example", name: ""),
            content: EmailContent(subject: "s", body: "b"), date: Instant.now, timeZone: rome)
        #expect(bare.messageID == "<job-2@arianna.invalid>")
        #expect(bare.rfc5322.contains("To: a@rossi.example\r\n"))
    }

    @Test func endsTheBody_withOneLineBreak() {
        #expect(Self.message(body: "Line 1\nLine 2\n").rfc5322.hasSuffix("\r\n\r\nLine 1\r\nLine 2\r\n"))
    }

    @Test func dropsLineBreaks_fromHeaderValues() {
        let text = Self.message(subject: "Hi\r\nBcc: x@y.example").rfc5322
        #expect(text.contains("Subject: Hi Bcc: x@y.example\r\n"))
        #expect(!text.contains("\r\nBcc:"))
    }

    @Test func switchesToQuotedPrintable_whenALineIsTooLongForSMTP() {
        let long = String(repeating: "è", count: 600)  // 1200 bytes of UTF-8
        let text = Self.message(body: long).rfc5322
        #expect(text.contains("Content-Transfer-Encoding: quoted-printable\r\n"))
        let bodyLines = text.components(separatedBy: "\r\n\r\n")[1].components(separatedBy: "\r\n")
        #expect(bodyLines.allSatisfy { $0.count <= 76 })
        #expect(bodyLines.first?.hasPrefix("=C3=A8") == true)
    }

    @Test func foldsLongEncodedSubjects_intoShortWords() {
        let text = Self.message(subject: String(repeating: "à", count: 100)).rfc5322
        let subjectLines = text.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject:") }.prefix {
            !$0.hasPrefix("Date:")
        }
        #expect(subjectLines.count > 1)
        #expect(subjectLines.allSatisfy { $0.count <= 78 })
    }
}

@Suite("Recipient addresses")
struct EmailRecipientTests {
    @Test(arguments: ["facilities@rossi.example", "  anna.neri+tickets@mail.rossi.example "])
    func accepts_plausibleAddresses(address: String) {
        #expect(EmailRecipient(address: address, name: "x") != nil)
    }

    @Test(arguments: [
        "", "   ", "rossi.example", "a@b", "a@@b.example", "a b@c.example", "<a@b.example>", "a@b.example, c@d.example"
    ])
    func refuses_unusableAddresses(address: String) {
        #expect(EmailRecipient(address: address, name: "x") == nil)
    }
}
