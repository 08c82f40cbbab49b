import Foundation
import GRDB
import NotificationDomain

/// A signed report's PDF as web-report published it (`intervention.report-issued.v1`), kept
/// only until the customer's "intervention completed" email that carries it is sent, or
/// ``MailSettings/reportRetention`` at most (migration notification.v7-report-documents).
struct ReportDocumentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table of the kept PDFs.
    static let databaseTableName = "reportDocument"
    /// web-report's report: the email's facts name it.
    var reportID: String
    /// The visit the report was filed for.
    var appointmentID: String
    /// The ticket of the visit, when web-report knew it.
    var ticketID: String?
    /// The attachment's name, as web-report chose it.
    var fileName: String
    /// The signed report as web-report rendered it.
    var pdf: Data
    /// Whether the photos fit in the PDF (web-report leaves them out above 700,000 characters).
    var photosIncluded: Bool
    /// When web-report issued the report.
    var issuedAt: Date
    /// When notification stored it: the retention counts from here.
    var receivedAt: Date

    /// The columns the pruning filters on.
    enum Columns {
        /// The report a PDF belongs to.
        static let reportID = Column(CodingKeys.reportID)
        /// When the PDF arrived: the retention counts from here.
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
            let waiting =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM emailJob
                        WHERE kind = ? AND status != 'sent' AND instr(recipient, '@') > 0
                          AND json_extract(facts, '$.reportID') = ?
                          AND recipientRole IN (\(roles.map { _ in "?" }.joined(separator: ", ")))
                        """, arguments: StatementArguments([EmailKind.interventionCompleted.rawValue, reportID] + roles)
                ) ?? 0
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
