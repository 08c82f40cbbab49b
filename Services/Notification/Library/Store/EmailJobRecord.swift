import Foundation
import GRDB

/// One email to send: queued by the event handler in the event's own transaction (so there is
/// exactly one per event and recipient, `UNIQUE (eventID, recipient)`), then rendered, sent and
/// marked by the worker, which never holds up the consumer.
struct EmailJobRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
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

    var id: String
    /// The CloudEvents id of the event that asked for the email (the deduplication key).
    var eventID: String
    var eventType: String
    var kind: EmailKind
    /// The address, as validated by ``EmailRecipient``.
    var recipient: String
    var recipientName: String
    /// Stored as JSON; rendered by the worker at each attempt.
    var facts: EmailFacts
    var status: Status
    /// Attempts made so far, successful or not.
    var attempts: Int
    /// When the worker should try; `nil` once sent or given up.
    var nextAttemptAt: Date?
    /// The last failure, kept so the back office can see why an email is late.
    var lastError: String?
    /// Filled when the worker renders the email.
    var subject: String?
    var body: String?
    var createdAt: Date
    var sentAt: Date?
    /// The rendered HTML alternative (migration notification.v2-html).
    var html: String? = nil
    /// Why this recipient receives it (migration notification.v3-recipients).
    var recipientRole: EmailRecipientRole = .customer

    /// The columns the queries filter and sort on.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let eventID = Column(CodingKeys.eventID)
        static let eventType = Column(CodingKeys.eventType)
        static let recipientName = Column(CodingKeys.recipientName)
        static let facts = Column(CodingKeys.facts)
        static let attempts = Column(CodingKeys.attempts)
        static let subject = Column(CodingKeys.subject)
        static let recipient = Column(CodingKeys.recipient)
        static let status = Column(CodingKeys.status)
        static let nextAttemptAt = Column(CodingKeys.nextAttemptAt)
        static let createdAt = Column(CodingKeys.createdAt)
    }
}
