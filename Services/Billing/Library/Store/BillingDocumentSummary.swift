import Foundation
import Hummingbird

/// A billing document as `GET /api/billing-documents` lists it.
struct BillingDocumentSummary: Codable, Sendable, Equatable, ResponseEncodable {
    var id: String
    var number: String
    var status: BillingDocumentRecord.Status
    var ticketID: String
    var ticketNumber: String
    var customerName: String
    var totalCents: Int
    var createdAt: Date

    init(_ document: BillingDocumentRecord) {
        id = document.id
        number = document.number
        status = document.status
        ticketID = document.ticketID
        ticketNumber = document.ticketNumber
        customerName = document.customerName
        totalCents = document.totalCents
        createdAt = document.createdAt
    }
}
