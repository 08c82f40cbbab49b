import Foundation
import Hummingbird

/// A billing document as `GET /api/billing-documents` lists it.
struct BillingDocumentSummary: Codable, Sendable, Equatable, ResponseEncodable {
    var id: String
    var kind: BillingDocumentRecord.Kind
    /// The fiscal number; nil while a draft.
    var number: String?
    /// The number, or `BOZZA/<ticket number>` for a draft.
    var label: String
    var status: BillingDocumentRecord.Status
    var ticketID: String?
    var ticketNumber: String?
    var customerName: String
    var activityTypeCode: String?
    var taxableCents: Int
    var totalCents: Int
    var createdAt: Date
    var issueDate: String?

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
