import Foundation
import GRDB

extension BillingStore {
    /// One billing document as the export lists it (a read of `billingDocument` only).
    struct ExportRow: Sendable, Decodable, FetchableRecord {
        /// `invoice` or `credit-note`.
        let kind: String
        /// Nil while the document is a draft: numbers are given at confirmation.
        let number: String?
        let status: String
        /// Nil for a credit note, which corrects a document rather than a ticket.
        let ticketNumber: String?
        let customerName: String
        let customerEmail: String?
        let activityTypeCode: String?
        let workedMinutes: Int
        let travelMinutes: Int
        let taxableCents: Int
        let vatCents: Int
        let totalCents: Int
        let closedAt: Date?
        let createdAt: Date
    }

    /// The documents created in `[from, before)`, by number.
    func exportRows(createdFrom from: Date, before: Date) async throws -> [ExportRow] {
        try await database.read { db in
            try ExportRow.fetchAll(db, sql: """
                SELECT kind, number, status, ticketNumber, customerName, customerEmail, activityTypeCode, workedMinutes,
                       travelMinutes, taxableCents, vatCents, totalCents, closedAt, createdAt
                FROM billingDocument WHERE createdAt >= ? AND createdAt < ? ORDER BY number IS NULL, number, createdAt
                """, arguments: [from, before])
        }
    }
}
