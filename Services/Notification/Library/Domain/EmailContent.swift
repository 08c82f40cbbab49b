/// A rendered email: what the customer reads.
struct EmailContent: Sendable, Equatable {
    /// One line, no line breaks.
    let subject: String
    /// Plain text; line breaks as `\n` (the message writer turns them into CRLF).
    let body: String
}
