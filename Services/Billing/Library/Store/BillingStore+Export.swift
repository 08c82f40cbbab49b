import Foundation
import GRDB

extension BillingStore {
    /// One billing document as the export lists it (a read of `billingDocument` only).
    struct ExportRow: Sendable, Decodable, FetchableRecord {
        /// `invoice` or `credit-note`.
        let kind: String
        /// Nil while the document is a draft: numbers are given at confirmation.
        let number: String?
        /// `draft`, `confirmed` or `exported`.
        let status: String
        /// Nil for a credit note, which corrects a document rather than a ticket.
        let ticketNumber: String?
        /// Who is billed.
        let customerName: String
        /// The customer's email, if any.
        let customerEmail: String?
        /// The ticket's activity type.
        let activityTypeCode: String?
        /// Minutes worked.
        let workedMinutes: Int
        /// Minutes of travel.
        let travelMinutes: Int
        /// Sum of the lines, VAT excluded.
        let taxableCents: Int
        /// VAT of all rates.
        let vatCents: Int
        /// Taxable plus VAT.
        let totalCents: Int
        /// When the ticket was closed.
        let closedAt: Date?
        /// When billing drafted it.
        let createdAt: Date
    }

    /// The documents created in `[from, before)`, by number.
    func exportRows(createdFrom from: Date, before: Date) async throws -> [ExportRow] {
        typealias Columns = BillingDocumentRecord.Columns
        return try await database.read { db in
            try BillingDocumentRecord
                .select(
                    Columns.kind, Columns.number, Columns.status, Columns.ticketNumber, Columns.customerName,
                    Columns.customerEmail, Columns.activityTypeCode, Columns.workedMinutes, Columns.travelMinutes,
                    Columns.taxableCents, Columns.vatCents, Columns.totalCents, Columns.closedAt, Columns.createdAt
                )
                .filter(Columns.createdAt >= from && Columns.createdAt < before)
                .order(Columns.number == nil, Columns.number, Columns.createdAt)
                .asRequest(of: ExportRow.self)
                .fetchAll(db)
        }
    }
}
