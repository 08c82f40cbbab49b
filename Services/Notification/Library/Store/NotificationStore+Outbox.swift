import Foundation
import GRDB
import ServiceKit

extension NotificationStore {
    /// What the outbox page shows per email: its state as the back office reads it.
    enum OutboxState: String, CaseIterable, Sendable {
        case queued, retrying, sent, failed

        init(_ job: EmailJobRecord) {
            switch job.status {
            case .sent: self = .sent
            case .failed: self = .failed
            case .queued: self = job.attempts > 0 ? .retrying : .queued
            }
        }
    }

    /// One page of emails, newest first, filtered by `state` and by `query` (recipient, subject,
    /// event type or event id, case-insensitive). Keyset-paged on `(createdAt, id)` (index
    /// `emailJob_created_id`): the cursor holds the last row's stored `createdAt` text and id, so
    /// emails queued meanwhile never shift a page. A cursor whose values are not ours throws
    /// ``PageRequestError/badCursor``.
    func outbox(state: OutboxState?, query: String?, page: PageRequest) async throws -> Page<EmailJobRecord> {
        if let cursor = page.cursor, cursor.values.count != 2 { throw PageRequestError.badCursor }
        let after = page.cursor.map { (createdAt: $0.values[0], id: $0.values[1]) }
        let rows = try await database.read { db in
            var request = EmailJobRecord.all()
            switch state {
            case .queued?: request = request.filter(Column("status") == "queued" && Column("attempts") == 0)
            case .retrying?: request = request.filter(Column("status") == "queued" && Column("attempts") > 0)
            case .sent?: request = request.filter(Column("status") == "sent")
            case .failed?: request = request.filter(Column("status") == "failed")
            case nil: break
            }
            if let query = query?.trimmingCharacters(in: .whitespaces), !query.isEmpty {
                let pattern = "%\(query.lowercased())%"
                request = request.filter(sql: """
                    lower(recipient) LIKE ? OR lower(recipientName) LIKE ? OR lower(coalesce(subject, '')) LIKE ? \
                    OR lower(eventType) LIKE ? OR lower(eventID) LIKE ?
                    """, arguments: [pattern, pattern, pattern, pattern, pattern])
            }
            if let after {
                request = request.filter(sql: "(createdAt, id) < (?, ?)", arguments: [after.createdAt, after.id])
            }
            return try request.order(Column("createdAt").desc, Column("id").desc).limit(page.fetchLimit).fetchAll(db)
        }
        return Page(fetched: rows, request: page) { job in
            PageCursor([Self.storedText(of: job.createdAt), job.id])
        }
    }

    /// A date as the store writes it (GRDB's text form), so a cursor compares exactly with the column.
    static func storedText(of date: Date) -> String {
        if case .string(let text) = date.databaseValue.storage { return text }
        return "\(date.databaseValue)"
    }

    /// One job, or `nil`.
    func job(id: String) async throws -> EmailJobRecord? {
        try await database.read { db in try EmailJobRecord.fetchOne(db, key: id) }
    }

    /// Why a resend was refused.
    enum ResendRefusal: Error, Equatable {
        case notFound
        case notFailed
        case noAddress
    }

    /// Puts a failed email back in the queue, due now; its attempts and last error stay as a record.
    func resend(id: String, at now: Date) async throws {
        try await database.write { db in
            guard var job = try EmailJobRecord.fetchOne(db, key: id) else { throw ResendRefusal.notFound }
            guard job.status == .failed else { throw ResendRefusal.notFailed }
            guard EmailRecipient.isPlausible(job.recipient) else { throw ResendRefusal.noAddress }
            job.status = .queued
            job.nextAttemptAt = now
            try job.update(db)
        }
    }
}
