/// Hands a finished message to whatever delivers mail.
///
/// Today that is ``FileMailTransport`` (an outbox folder of `.eml` files a relay or a person can
/// pick up); an SMTP sender will conform later without the worker changing. Throwing means
/// "not delivered, try again later": the worker records the error and backs off.
protocol MailTransport: Sendable {
    /// Delivers `message` or throws; must be safe to call again for the same message.
    func send(_ message: MailMessage) async throws
}
