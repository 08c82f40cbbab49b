import Foundation
import Hummingbird
import NotificationDomain

/// One email with its rendered body and its delivery state, for `GET /api/emails/{id}`.
struct EmailDetail: Codable, Sendable, Equatable, ResponseEncodable {
    /// The email job's id.
    var id: String
    /// The event that asked for the email.
    var eventID: String
    /// The event's CloudEvents type.
    var eventType: String
    /// Which template wrote it.
    var kind: EmailKind
    /// The address it went to.
    var recipient: String
    /// The name beside the address.
    var recipientName: String
    /// The rendered subject; `nil` until rendered.
    var subject: String?
    /// The rendered body; `nil` until the worker has rendered it.
    var body: String?
    /// Queued, sent or failed.
    var status: EmailJobRecord.Status
    /// Attempts made so far.
    var attempts: Int
    /// When the next attempt is due, for a queued email.
    var nextAttemptAt: Date?
    /// Why the last attempt failed, if it did.
    var lastError: String?
    /// When it was queued.
    var createdAt: Date
    /// When the server accepted it.
    var sentAt: Date?

    /// The answer for `job`.
    init(_ job: EmailJobRecord) {
        id = job.id
        eventID = job.eventID
        eventType = job.eventType
        kind = job.kind
        recipient = job.recipient
        recipientName = job.recipientName
        subject = job.subject
        body = job.body
        status = job.status
        attempts = job.attempts
        nextAttemptAt = job.nextAttemptAt
        lastError = job.lastError
        createdAt = job.createdAt
        sentAt = job.sentAt
    }
}
