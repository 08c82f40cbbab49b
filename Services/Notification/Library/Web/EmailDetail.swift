import Foundation
import Hummingbird

/// One email with its rendered body and its delivery state, for `GET /api/emails/{id}`.
struct EmailDetail: Codable, Sendable, Equatable, ResponseEncodable {
    var id: String
    var eventID: String
    var eventType: String
    var kind: EmailKind
    var recipient: String
    var recipientName: String
    var subject: String?
    /// The rendered body; `nil` until the worker has rendered it.
    var body: String?
    var status: EmailJobRecord.Status
    var attempts: Int
    /// When the next attempt is due, for a queued email.
    var nextAttemptAt: Date?
    /// Why the last attempt failed, if it did.
    var lastError: String?
    var createdAt: Date
    var sentAt: Date?

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
