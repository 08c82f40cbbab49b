import Foundation
import Hummingbird

/// An email as `GET /api/emails` lists it: enough to see what went out, to whom, and what is stuck.
struct EmailSummary: Codable, Sendable, Equatable, ResponseEncodable {
    var id: String
    var eventID: String
    var kind: EmailKind
    var recipient: String
    /// `nil` until the worker has rendered the email (normally within a second of queueing).
    var subject: String?
    var status: EmailJobRecord.Status
    var attempts: Int
    var createdAt: Date
    var sentAt: Date?

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
