package import Foundation

/// One email ready to hand to a ``MailTransport``: the addresses, the rendered content and the
/// identity that makes a resend recognisable.
package struct MailMessage: Sendable, Equatable {
    /// The email job's id: names the `.eml` file and is the left part of `Message-ID`, so sending
    /// the same job twice (a crash between sending and marking it sent) gives the same
    /// `Message-ID`, which mail clients use to drop the duplicate.
    package let id: String
    /// The sender, as configured: `Name <address>` or a bare address.
    package let from: String
    /// Whom it goes to.
    package let to: EmailRecipient
    /// The rendered subject and body.
    package let content: EmailContent
    /// The `Date:` header: when the message was written.
    package let date: Date
    /// The zone the `Date:` header is written in (its offset is part of the header).
    package let timeZone: TimeZone
    /// The `Reply-To:` header, when replies should not go to ``from``.
    package var replyTo: String? = nil
    /// Files after the body (a calendar invitation).
    package var attachments: [MailAttachment] = []

    /// The message of job `id` from `from` to `to`, written at `date`; replies and attachments optional.
    package init(
        id: String, from: String, to: EmailRecipient, content: EmailContent, date: Date, timeZone: TimeZone,
        replyTo: String? = nil, attachments: [MailAttachment] = []
    ) {
        self.id = id
        self.from = from
        self.to = to
        self.content = content
        self.date = date
        self.timeZone = timeZone
        self.replyTo = replyTo
        self.attachments = attachments
    }

    /// `<id@domain>`, the domain taken from the sender so the id is globally unique per installation.
    package var messageID: String {
        let domain = from.split(separator: "@").dropFirst().last.map {
            String($0.prefix { $0 != ">" && !$0.isWhitespace })
        }
        return "<\(id)@\(domain.flatMap { $0.isEmpty ? nil : $0 } ?? "arianna.invalid")>"
    }
}
