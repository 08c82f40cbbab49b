import Foundation
import GRDB
import NotificationDomain
import ServiceKit

extension NotificationStore {
    /// What the outbox page shows per email: its state as the back office reads it.
    enum OutboxState: String, CaseIterable, Sendable {
        /// Waiting for its first attempt.
        case queued
        /// Failed at least once, waiting for the next attempt.
        case retrying
        /// Handed to the mail server.
        case sent
        /// Given up: the back office may send it again.
        case failed

        /// The state of `job` as the outbox page names it.
        init(_ job: EmailJobRecord) {
            switch job.status {
            case .sent: self = .sent
            case .failed: self = .failed
            case .queued: self = job.attempts > 0 ? .retrying : .queued
            }
        }
    }

    /// One page of emails, newest first, filtered by `state`, by `query` (recipient, subject,
    /// event type or event id, case-insensitive) and by the caller's `practices` (nil: every
    /// practice) exactly as ``mayShow(email:to:)`` decides for one email (R4). Keyset-paged on
    /// `(createdAt, id)` (index `emailJob_created_id`): the cursor holds the last row's stored
    /// `createdAt` text and id, so emails queued meanwhile never shift a page. A cursor whose values are not ours throws
    /// ``PageRequestError/badCursor``.
    func outbox(
        state: OutboxState?, query: String?, visibleTo practices: [String]? = nil, page: PageRequest
    ) async throws -> Page<EmailJobRecord> {
        if let cursor = page.cursor, cursor.values.count != 2 { throw PageRequestError.badCursor }
        let after = page.cursor.map { (createdAt: $0.values[0], id: $0.values[1]) }
        let rows = try await database.read { db in
            typealias Columns = EmailJobRecord.Columns
            var request = EmailJobRecord.all()
            switch state {
            case .queued?:
                request = request.filter(
                    Columns.status == EmailJobRecord.Status.queued.rawValue && Columns.attempts == 0)
            case .retrying?:
                request = request.filter(
                    Columns.status == EmailJobRecord.Status.queued.rawValue && Columns.attempts > 0)
            case .sent?: request = request.filter(Columns.status == EmailJobRecord.Status.sent.rawValue)
            case .failed?: request = request.filter(Columns.status == EmailJobRecord.Status.failed.rawValue)
            case nil: break
            }
            if let query = query?.trimmingCharacters(in: .whitespaces), !query.isEmpty {
                // SQLite's LIKE ignores ASCII case, as `lower()` on both sides did.
                let pattern = "%\(query.lowercased())%"
                request = request.filter(
                    Columns.recipient.like(pattern) || Columns.recipientName.like(pattern)
                        || (Columns.subject ?? "").like(pattern)
                        || Columns.eventType.like(pattern) || Columns.eventID.like(pattern))
            }
            if let practices {
                // Raw: the practice sits in the JSON facts (json_extract), joined to the activity types' copy.
                request = request.filter(
                    sql: """
                        NOT EXISTS (SELECT 1 FROM activityTypeCopy a
                                    WHERE a.activityTypeID = json_extract(emailJob.facts, '$.activityTypeID')
                                      AND a.practiceID IS NOT NULL AND a.practiceID NOT IN (SELECT value FROM json_each(?)))
                        """, arguments: [Self.jsonArray(practices)])
            }
            if let after {
                // Raw: keyset pagination compares row values, which the query interface cannot write.
                request = request.filter(sql: "(createdAt, id) < (?, ?)", arguments: [after.createdAt, after.id])
            }
            return try request.order(Columns.createdAt.desc, Columns.id.desc).limit(page.fetchLimit).fetchAll(db)
        }
        return Page(fetched: rows, request: page) { job in
            PageCursor([Self.storedText(of: job.createdAt), job.id])
        }
    }

    /// `values` as a JSON array, one SQL argument for `json_each` whatever their number.
    private static func jsonArray(_ values: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(values), as: UTF8.self)) ?? "[]"
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

    /// Puts a failed email back in the queue, due now; its attempts and last error stay as a
    /// record. Refuses (``NotificationError``) an unknown email, one that did not fail and one
    /// without a usable address.
    func resend(id: String, at now: Date) async throws {
        try await database.write { db in
            guard var job = try EmailJobRecord.fetchOne(db, key: id) else { throw NotificationError.emailNotFound(id) }
            guard job.status == .failed else { throw NotificationError.emailNotFailed }
            guard EmailRecipient.isPlausible(job.recipient) else { throw NotificationError.emailWithoutAddress }
            job.status = .queued
            job.nextAttemptAt = now
            try job.update(db)
        }
    }
}
