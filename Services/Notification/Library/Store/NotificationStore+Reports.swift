import Foundation
import GRDB

/// A signed report's PDF as web-report published it (`intervention.report-issued.v1`), kept
/// only until the customer's "intervention completed" email that carries it is sent, or
/// ``MailSettings/reportRetention`` at most (migration notification.v7-report-documents).
struct ReportDocumentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "reportDocument"
    var reportID: String
    var appointmentID: String
    var ticketID: String?
    /// The attachment's name, as web-report chose it.
    var fileName: String
    var pdf: Data
    var photosIncluded: Bool
    var issuedAt: Date
    /// When notification stored it: the retention counts from here.
    var receivedAt: Date

    /// The columns the pruning filters on.
    enum Columns {
        static let reportID = Column(CodingKeys.reportID)
        static let receivedAt = Column(CodingKeys.receivedAt)
    }
}

extension NotificationStore {
    /// The kept PDF of `reportID`, if any.
    func reportDocument(id reportID: String) async throws -> ReportDocumentRecord? {
        try await database.read { db in try ReportDocumentRecord.fetchOne(db, key: reportID) }
    }

    /// Deletes the PDF of `reportID` once no "intervention completed" email that should carry it
    /// is still waiting (queued, retrying or failed and possibly resent; a recipient refused for
    /// want of an address never will be); returns whether it did.
    @discardableResult
    func releaseReportDocument(_ reportID: String) async throws -> Bool {
        try await database.write { db in
            let roles = EmailRecipientRole.allCases.filter(\.receivesSignedReport).map(\.rawValue)
            // Raw: the report is named inside the JSON facts (json_extract), not in a column of its own.
            let waiting = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM emailJob
                WHERE kind = ? AND status != 'sent' AND instr(recipient, '@') > 0
                  AND json_extract(facts, '$.reportID') = ?
                  AND recipientRole IN (\(roles.map { _ in "?" }.joined(separator: ", ")))
                """, arguments: StatementArguments([EmailKind.interventionCompleted.rawValue, reportID] + roles)) ?? 0
            guard waiting == 0 else { return false }
            return try ReportDocumentRecord.deleteOne(db, key: reportID)
        }
    }

    /// Deletes the PDFs received before `date` (their email never went out); returns how many.
    /// A PDF whose intervention still waits for its ticket (``AwaitingTicketRecord``) stays.
    func pruneReportDocuments(receivedBefore date: Date) async throws -> Int {
        try await database.write { db in
            let kept = AwaitingTicketRecord.filter(AwaitingTicketRecord.Columns.reportID != nil)
                .select(AwaitingTicketRecord.Columns.reportID)
            return try ReportDocumentRecord.filter(ReportDocumentRecord.Columns.receivedAt < date)
                .filter(!kept.contains(ReportDocumentRecord.Columns.reportID))
                .deleteAll(db)
        }
    }
}
