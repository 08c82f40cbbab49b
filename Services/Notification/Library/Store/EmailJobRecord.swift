import Foundation
import GRDB
import NotificationDomain

/// One email to send: queued by the event handler in the event's own transaction (so there is
/// exactly one per event and recipient, `UNIQUE (eventID, recipient)`), then rendered, sent and
/// marked by the worker, which never holds up the consumer.
struct EmailJobRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table of the email jobs.
    static let databaseTableName = "emailJob"

    /// Where a job is in its life.
    enum Status: String, Codable, Sendable {
        /// Waiting for its first attempt or for a retry at `nextAttemptAt`.
        case queued
        /// Handed to the transport; `sentAt` says when.
        case sent
        /// Given up after the retry policy's last attempt; `lastError` says why.
        case failed
    }

    /// The job's own id: names the `.eml` file and the left part of `Message-ID`.
    var id: String
    /// The CloudEvents id of the event that asked for the email (the deduplication key).
    var eventID: String
    /// The CloudEvents type that asked for the email, shown on the outbox page.
    var eventType: String
    /// Which template writes it.
    var kind: EmailKind
    /// The address, as validated by ``EmailRecipient``.
    var recipient: String
    /// The name the email greets and puts beside the address.
    var recipientName: String
    /// Stored as JSON; rendered by the worker at each attempt.
    var facts: EmailFacts
    /// Where the job is in its life.
    var status: Status
    /// Attempts made so far, successful or not.
    var attempts: Int
    /// When the worker should try; `nil` once sent or given up.
    var nextAttemptAt: Date?
    /// The last failure, kept so the back office can see why an email is late.
    var lastError: String?
    /// Filled when the worker renders the email.
    var subject: String?
    /// The rendered plain-text body, filled by the worker.
    var body: String?
    /// When the handler queued it: the outbox lists newest first by it.
    var createdAt: Date
    /// When the server accepted it; `nil` until then.
    var sentAt: Date?
    /// The rendered HTML alternative (migration notification.v2-html).
    var html: String? = nil
    /// Why this recipient receives it (migration notification.v3-recipients).
    var recipientRole: EmailRecipientRole = .customer

    /// The columns the queries filter and sort on.
    enum Columns {
        /// The job's id, the keyset cursor's tie-breaker.
        static let id = Column(CodingKeys.id)
        /// The event that asked for the email.
        static let eventID = Column(CodingKeys.eventID)
        /// The event's type, searched on the outbox page.
        static let eventType = Column(CodingKeys.eventType)
        /// The recipient's name, searched on the outbox page.
        static let recipientName = Column(CodingKeys.recipientName)
        /// The JSON facts, whose activity type decides the practice (R4).
        static let facts = Column(CodingKeys.facts)
        /// Attempts made: tells queued from retrying.
        static let attempts = Column(CodingKeys.attempts)
        /// The rendered subject, searched on the outbox page.
        static let subject = Column(CodingKeys.subject)
        /// The address, searched on the outbox page.
        static let recipient = Column(CodingKeys.recipient)
        /// Queued, sent or failed.
        static let status = Column(CodingKeys.status)
        /// When the worker should try again.
        static let nextAttemptAt = Column(CodingKeys.nextAttemptAt)
        /// When the job was queued: the outbox's order.
        static let createdAt = Column(CodingKeys.createdAt)
    }
}
