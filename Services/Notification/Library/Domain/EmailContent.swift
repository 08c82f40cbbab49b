/// A rendered email: what the recipient reads.
struct EmailContent: Sendable, Equatable {
    /// One line, no line breaks.
    let subject: String
    /// Plain text; line breaks as `\n` (the message writer turns them into CRLF).
    let body: String
    /// The HTML alternative of ``body``; `nil` only for content rendered before HTML existed.
    var html: String? = nil
}
