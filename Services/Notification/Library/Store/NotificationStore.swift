import Foundation
import GRDB
import NotificationDomain
import ServiceKit

/// Notification's store. The handler's writes are static functions that run inside the
/// consumer's transaction (inbox + job commit together); the worker's and the API's go through
/// an instance, each one transaction.
struct NotificationStore: Sendable {
    /// The service's SQLite store, shared by the consumer, the worker and the routes.
    let database: ServiceDatabase

    // MARK: - Inside the event's transaction

    /// Queues `job` unless one already exists for its event and recipient; returns whether it
    /// queued. The check backs up the inbox: even an event replayed under a new inbox entry
    /// cannot email a customer twice.
    static func queueEmail(_ job: EmailJobRecord, in db: Database) throws -> Bool {
        // Raw and cached: runs once per recipient of every event, measured hot while catching up a backlog.
        let exists = try db.cachedStatement(
            sql: "SELECT EXISTS (SELECT 1 FROM emailJob WHERE eventID = ? AND recipient = ?)")
        guard try Bool.fetchOne(exists, arguments: [job.eventID, job.recipient]) == false else { return false }
        try job.insert(db)
        return true
    }

    /// Remembers who an appointment's technician is, for a later cancellation email, and returns
    /// the calendar `SEQUENCE` of this change: 0 the first time, one more at each later change.
    @discardableResult
    static func rememberTechnician(
        _ operatorName: String, ofAppointment appointmentID: String, at now: Date, in db: Database
    ) throws -> Int {
        let sequence = try AppointmentCopyRecord.fetchOne(db, key: appointmentID).map { $0.sequence + 1 } ?? 0
        try AppointmentCopyRecord(
            appointmentID: appointmentID, operatorName: operatorName, updatedAt: now, sequence: sequence
        ).save(db)
        return sequence
    }

    /// The `SEQUENCE` of a cancellation: one more than the last change seen (1 when never seen).
    static func cancellationSequence(ofAppointment appointmentID: String, at now: Date, in db: Database) throws -> Int {
        guard var copy = try AppointmentCopyRecord.fetchOne(db, key: appointmentID) else { return 1 }
        copy.sequence += 1
        copy.updatedAt = now
        try copy.update(db)
        return copy.sequence
    }

    /// The technician last seen on an appointment, or `nil` if it was never scheduled here.
    static func technician(ofAppointment appointmentID: String, in db: Database) throws -> String? {
        try AppointmentCopyRecord.fetchOne(db, key: appointmentID)?.operatorName
    }

    // MARK: - Worker

    /// Queued jobs whose attempt is due, oldest due first.
    func dueJobs(at now: Date, limit: Int) async throws -> [EmailJobRecord] {
        try await database.read { db in
            try EmailJobRecord
                .filter(EmailJobRecord.Columns.status == EmailJobRecord.Status.queued.rawValue)
                .filter(EmailJobRecord.Columns.nextAttemptAt <= now)
                .order(EmailJobRecord.Columns.nextAttemptAt, EmailJobRecord.Columns.createdAt)
                .limit(limit)
                .fetchAll(db)
        }
    }

    /// Records a delivered email with what was sent.
    func markSent(_ jobID: String, content: EmailContent, at now: Date) async throws {
        try await database.write { db in
            guard var job = try EmailJobRecord.fetchOne(db, key: jobID) else { return }
            job.status = .sent
            job.attempts += 1
            job.sentAt = now
            job.nextAttemptAt = nil
            job.lastError = nil
            job.subject = content.subject
            job.body = content.body
            job.html = content.html
            try job.update(db)
        }
    }

    /// Records a failed attempt: one more attempt, the error kept, the next attempt scheduled by
    /// `policy`, or the job marked failed when the policy gives up or the failure is not
    /// `transient` (a 5xx reply). Returns the updated job.
    @discardableResult
    func recordFailure(
        _ jobID: String, error: String, content: EmailContent?, at now: Date, policy: RetryPolicy,
        transient: Bool = true
    ) async throws -> EmailJobRecord? {
        try await database.write { db in
            guard var job = try EmailJobRecord.fetchOne(db, key: jobID) else { return nil }
            job.attempts += 1
            job.lastError = String(error.prefix(2000))
            if let content {
                job.subject = content.subject
                job.body = content.body
                job.html = content.html
            }
            if transient, let next = policy.nextAttempt(afterFailedAttempts: job.attempts, at: now) {
                job.nextAttemptAt = next
            } else {
                job.status = .failed
                job.nextAttemptAt = nil
            }
            try job.update(db)
            return job
        }
    }
}

extension NotificationStore {
    /// The store of the running service, as every controller and worker opens it.
    init(context: ServiceContext) {
        self.init(database: context.database)
    }
}
