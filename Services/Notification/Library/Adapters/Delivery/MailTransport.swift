import NotificationDomain

/// Hands a finished message to whatever delivers mail: ``SMTPMailTransport`` (the default) or
/// ``FileMailTransport`` (`.eml` files a relay or a person can pick up).
///
/// Returning means "accepted" (for SMTP: the server's 250). Throwing a ``MailDeliveryError``
/// says whether a retry can help; any other error counts as transient. The worker records the
/// error and backs off or gives up.
protocol MailTransport: Sendable {
    /// Delivers `message` or throws; must be safe to call again for the same message.
    func send(_ message: MailMessage) async throws
}
