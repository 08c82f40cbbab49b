import Foundation

/// A billing document as `GET /api/billing-documents` lists it.
struct BillingDocumentSummary: Codable, Sendable, Equatable {
    /// The document's own id.
    var id: String
    /// Invoice or credit note.
    var kind: BillingDocumentRecord.Kind
    /// The fiscal number; nil while a draft.
    var number: String?
    /// The number, or `BOZZA/<ticket number>` for a draft.
    var label: String
    /// Draft, confirmed or exported.
    var status: BillingDocumentRecord.Status
    /// The billed ticket.
    var ticketID: String?
    /// The ticket's number.
    var ticketNumber: String?
    /// Who is billed.
    var customerName: String
    /// The ticket's activity type.
    var activityTypeCode: String?
    /// Sum of the lines, VAT excluded.
    var taxableCents: Int
    /// Taxable plus VAT.
    var totalCents: Int
    /// When billing drafted it.
    var createdAt: Date
    /// The confirmation's local day, `yyyy-MM-dd`.
    var issueDate: String?

    /// The summary of a stored document.
    init(_ document: BillingDocumentRecord) {
        id = document.id
        kind = document.kind
        number = document.number
        label = document.label
        status = document.status
        ticketID = document.ticketID
        ticketNumber = document.ticketNumber
        customerName = document.customerName
        activityTypeCode = document.activityTypeCode
        taxableCents = document.taxableCents
        totalCents = document.totalCents
        createdAt = document.createdAt
        issueDate = document.issueDate
    }
}
