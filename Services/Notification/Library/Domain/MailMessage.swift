import Foundation

/// One email ready to hand to a ``MailTransport``: the addresses, the rendered content and the
/// identity that makes a resend recognisable.
struct MailMessage: Sendable, Equatable {
    /// The email job's id: names the `.eml` file and is the left part of `Message-ID`, so sending
    /// the same job twice (a crash between sending and marking it sent) gives the same
    /// `Message-ID`, which mail clients use to drop the duplicate.
    let id: String
    /// The sender, as configured: `Name <address>` or a bare address.
    let from: String
    /// Whom it goes to.
    let to: EmailRecipient
    /// The rendered subject and body.
    let content: EmailContent
    /// The `Date:` header: when the message was written.
    let date: Date
    /// The zone the `Date:` header is written in (its offset is part of the header).
    let timeZone: TimeZone
    /// The `Reply-To:` header, when replies should not go to ``from``.
    var replyTo: String? = nil
    /// Files after the body (a calendar invitation).
    var attachments: [MailAttachment] = []

    /// `<id@domain>`, the domain taken from the sender so the id is globally unique per installation.
    var messageID: String {
        let domain = from.split(separator: "@").dropFirst().last.map {
            String($0.prefix { $0 != ">" && !$0.isWhitespace })
        }
        return "<\(id)@\(domain.flatMap { $0.isEmpty ? nil : $0 } ?? "arianna.invalid")>"
    }
}
