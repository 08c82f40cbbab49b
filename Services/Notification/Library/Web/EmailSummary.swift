import Foundation
import Hummingbird
import NotificationDomain

/// An email as `GET /api/emails` lists it: enough to see what went out, to whom, and what is stuck.
struct EmailSummary: Codable, Sendable, Equatable, ResponseEncodable {
    /// The email job's id, for `GET /api/emails/{id}`.
    var id: String
    /// The event that asked for the email.
    var eventID: String
    /// Which template wrote it.
    var kind: EmailKind
    /// The address it goes to.
    var recipient: String
    /// `nil` until the worker has rendered the email (normally within a second of queueing).
    var subject: String?
    /// Queued, sent or failed.
    var status: EmailJobRecord.Status
    /// Attempts made so far.
    var attempts: Int
    /// When it was queued: the list's order.
    var createdAt: Date
    /// When the server accepted it.
    var sentAt: Date?

    /// The list row of `job`.
    init(_ job: EmailJobRecord) {
        id = job.id
        eventID = job.eventID
        kind = job.kind
        recipient = job.recipient
        subject = job.subject
        status = job.status
        attempts = job.attempts
        createdAt = job.createdAt
        sentAt = job.sentAt
    }
}
