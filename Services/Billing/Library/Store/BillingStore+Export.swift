import Foundation
import GRDB

extension BillingStore {
    /// One billing document as the export lists it (a read of `billingDocument` only).
    struct ExportRow: Sendable, Decodable, FetchableRecord {
        let number: String
        let status: String
        let ticketNumber: String
        let customerName: String
        let customerEmail: String?
        let activityTypeCode: String
        let workedMinutes: Int
        let totalCents: Int
        let closedAt: Date
        let createdAt: Date
    }

    /// The documents created in `[from, before)`, by number.
    func exportRows(createdFrom from: Date, before: Date) async throws -> [ExportRow] {
        try await database.read { db in
            try ExportRow.fetchAll(db, sql: """
                SELECT number, status, ticketNumber, customerName, customerEmail, activityTypeCode, workedMinutes,
                       totalCents, closedAt, createdAt
                FROM billingDocument WHERE createdAt >= ? AND createdAt < ? ORDER BY number
                """, arguments: [from, before])
        }
    }
}
