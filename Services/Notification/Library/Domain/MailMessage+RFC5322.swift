import Foundation

extension MailMessage {
    /// The message as RFC 5322 text with MIME headers for a UTF-8 plain-text body, CRLF line ends.
    ///
    /// Header values that are not plain ASCII (a customer called "Società Nicolò") are written as
    /// RFC 2047 encoded words, and line breaks inside values are removed, so nothing a customer
    /// record contains can add a header. The body goes as `8bit` unless a line is longer than
    /// SMTP's 998-octet limit, in which case it is quoted-printable.
    package var rfc5322: String {
        var text = content.body
            .replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
        if text.hasSuffix("\n") { text.removeLast() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let fitsEightBit = lines.allSatisfy { $0.utf8.count <= 998 }
        var headers = [
            "From: \(MailHeader.singleLine(from))",
            "To: \(MailHeader.mailbox(name: to.name, address: to.address))",
            "Subject: \(MailHeader.unstructured(content.subject))",
            "Date: \(MailHeader.date(date, timeZone: timeZone))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8"
        ]
        let body: String
        if fitsEightBit {
            headers.append("Content-Transfer-Encoding: 8bit")
            body = lines.joined(separator: "\r\n")
        } else {
            headers.append("Content-Transfer-Encoding: quoted-printable")
            body = QuotedPrintable.encode(lines)
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n"
    }
}
