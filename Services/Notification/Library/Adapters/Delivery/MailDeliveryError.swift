/// Why a transport did not deliver a message, and whether trying again can help.
///
/// SMTP says so itself: a 4xx reply (mailbox busy, greylisting), a refused connection or a
/// timeout are transient and retried with backoff; a 5xx reply (no such user, message refused)
/// will be the same next time, so the job stops as failed with the server's own words.
struct MailDeliveryError: Error, Equatable, CustomStringConvertible {
    /// `true` when a later attempt may succeed.
    let isTransient: Bool
    /// The server's reply line (e.g. `550 5.1.1 no such user`) or libcurl's reason when there was none.
    let reply: String

    /// A failure a later attempt may get past (4xx, no connection, timeout).
    static func transient(_ reply: String) -> MailDeliveryError { MailDeliveryError(isTransient: true, reply: reply) }
    /// A failure that will repeat (5xx): the job stops as failed.
    static func permanent(_ reply: String) -> MailDeliveryError { MailDeliveryError(isTransient: false, reply: reply) }

    /// The server's reply, kept as the job's last error.
    var description: String { reply }
}
