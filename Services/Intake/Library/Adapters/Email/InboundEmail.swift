import Foundation

/// What intake needs from an email: who sent it, its Message-ID, subject and plain-text body.
///
/// Parsed by hand (there is no mail library among the project's dependencies): RFC 5322
/// headers with folding, RFC 2047 encoded words in Subject and From, MIME multiparts
/// (the first `text/plain` part that is not an attachment wins; HTML alone is reduced to text),
/// base64 and quoted-printable transfer encodings, UTF-8 / Latin-1 / Windows-1252 charsets.
/// The files are the leaf parts with a file name or an `attachment` disposition (see
/// `MailPart.files`), decoded but not yet checked.
struct InboundEmail: Sendable, Equatable {
    /// The Message-ID without its angle brackets; nil when the header is absent or empty.
    let messageID: String?
    /// The sender: the customer is matched by this address.
    let from: MailAddress?
    /// The subject, decoded: the first line of the ticket's description.
    let subject: String
    /// The plain-text body, decoded: the rest of the description and the custom fields.
    let body: String
    /// The files that came with the message, in the order they appear.
    let attachments: [IncomingAttachment]

    /// How deep multiparts may nest before the rest is ignored (a guard against hostile input).
    static let maximumDepth = 8

    /// A message as parsed, or as a test builds it.
    init(messageID: String?, from: MailAddress?, subject: String, body: String, attachments: [IncomingAttachment] = [])
    {
        self.messageID = messageID
        self.from = from
        self.subject = subject
        self.body = body
        self.attachments = attachments
    }

    /// Parses a raw message as an MTA delivers it (CRLF or LF line ends).
    init(raw: [UInt8]) {
        let part = MailPart(bytes: Self.withoutCarriageReturns(raw))
        let headers = part.headers
        let id = headers["Message-ID"]?
            .trimmingCharacters(in: .whitespaces)
            .trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            .trimmingCharacters(in: .whitespaces)
        messageID = (id?.isEmpty ?? true) ? nil : id
        from = (headers["From"] ?? headers["Sender"]).flatMap { MailAddress(header: $0) }
        subject = MailTextDecoding.decodeEncodedWords(headers["Subject"] ?? "")
            .replacingOccurrences(of: "\t", with: " ")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        body = (part.plainText(depth: 0) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        attachments = part.files(depth: 0)
    }

    /// CRLF → LF, so one code path serves both line-end conventions.
    static func withoutCarriageReturns(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated()
        where !(byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")) {
            output.append(byte)
        }
        return output
    }
}
