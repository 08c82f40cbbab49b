/// A rendered email: what the recipient reads.
package struct EmailContent: Sendable, Equatable {
    /// One line, no line breaks.
    package let subject: String
    /// Plain text; line breaks as `\n` (the message writer turns them into CRLF).
    package let body: String
    /// The HTML alternative of ``body``; `nil` only for content rendered before HTML existed.
    package var html: String? = nil

    /// What the renderer wrote: `subject`, the plain `body` and, when rendered, its HTML alternative.
    package init(subject: String, body: String, html: String? = nil) {
        self.subject = subject
        self.body = body
        self.html = html
    }
}
