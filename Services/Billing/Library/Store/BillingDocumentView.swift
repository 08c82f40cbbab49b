import Foundation
import GRDB
import Hummingbird

/// One billing document with its lines, for `GET /api/billing-documents/{id}`.
struct BillingDocumentView: Codable, Sendable, Equatable, ResponseEncodable {
    /// A line as shown on the document.
    struct Line: Codable, Sendable, Equatable {
        var position: Int
        var articleCode: String?
        var description: String
        var quantity: Double
        var unitPriceCents: Int
        var amountCents: Int
    }

    /// Who is billed.
    struct Customer: Codable, Sendable, Equatable {
        var id: String
        var name: String
        var email: String?
    }

    var id: String
    var number: String
    var status: BillingDocumentRecord.Status
    var ticketID: String
    var ticketNumber: String
    var customer: Customer
    var activityTypeCode: String
    var reportID: String?
    var workedMinutes: Int
    var lines: [Line]
    var totalCents: Int
    var closedAt: Date
    var createdAt: Date

    init(_ document: BillingDocumentRecord, lines: [BillingLineRecord]) {
        id = document.id
        number = document.number
        status = document.status
        ticketID = document.ticketID
        ticketNumber = document.ticketNumber
        customer = Customer(id: document.customerID, name: document.customerName, email: document.customerEmail)
        activityTypeCode = document.activityTypeCode
        reportID = document.reportID
        workedMinutes = document.workedMinutes
        self.lines = lines.map {
            Line(position: $0.position, articleCode: $0.articleCode, description: $0.description,
                 quantity: $0.quantity, unitPriceCents: $0.unitPriceCents, amountCents: $0.amountCents)
        }
        totalCents = document.totalCents
        closedAt = document.closedAt
        createdAt = document.createdAt
    }

    /// The document `id` with its lines in order, or `nil` if there is none.
    static func load(_ id: String, in db: Database) throws -> BillingDocumentView? {
        guard let document = try BillingDocumentRecord.fetchOne(db, key: id) else { return nil }
        let lines = try BillingLineRecord
            .filter(BillingLineRecord.Columns.documentID == id)
            .order(BillingLineRecord.Columns.position)
            .fetchAll(db)
        return BillingDocumentView(document, lines: lines)
    }
}
