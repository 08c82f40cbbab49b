import Foundation
import GRDB
import Hummingbird

/// One billing document with its lines, totals per VAT rate and change log, for
/// `GET /api/billing-documents/{id}` and the pages.
struct BillingDocumentView: Codable, Sendable, Equatable, ResponseEncodable {
    /// A line as shown on the document.
    struct Line: Codable, Sendable, Equatable {
        var position: Int
        var source: DocumentLine.Source
        var articleCode: String?
        var description: String
        var unit: String
        var quantity: Double
        var unitPriceCents: Int
        var discountPercent: Double
        var vatRatePercent: Double
        /// The catalogue does not know the article: the clerk must set a price before confirming.
        var needsPrice: Bool
        var amountCents: Int
    }

    /// Taxable amount and VAT of one rate.
    struct VATTotal: Codable, Sendable, Equatable {
        var vatRatePercent: Double
        var taxableCents: Int
        var vatCents: Int
    }

    /// Who is billed.
    struct Customer: Codable, Sendable, Equatable {
        var id: String
        var name: String
        var email: String?
        var vatNumber: String?
        var fiscalCode: String?
        var address: String?
    }

    /// One recorded edit.
    struct Change: Codable, Sendable, Equatable {
        var position: Int
        var field: String
        var oldValue: String
        var newValue: String
        var changedBy: String
        var changedAt: Date
    }

    var id: String
    var kind: BillingDocumentRecord.Kind
    var number: String?
    var label: String
    var status: BillingDocumentRecord.Status
    var ticketID: String?
    var ticketNumber: String?
    var customer: Customer
    var activityTypeCode: String?
    var registrationType: String
    var reportID: String?
    var workedMinutes: Int
    var travelMinutes: Int
    var creditedDocumentID: String?
    var lines: [Line]
    var vatTotals: [VATTotal]
    var taxableCents: Int
    var vatCents: Int
    var totalCents: Int
    var closedAt: Date?
    var createdAt: Date
    var issueDate: String?
    var confirmedAt: Date?
    var confirmedBy: String?
    var exportedAt: Date?
    var changes: [Change]

    /// The document `id` with its lines in order, or `nil` if there is none.
    static func load(_ id: String, in db: Database) throws -> BillingDocumentView? {
        guard let document = try BillingDocumentRecord.fetchOne(db, key: id) else { return nil }
        let lines = try BillingLineRecord.lines(of: id, in: db)
        let customer = try BillingCustomerRecord.fetchOne(db, key: document.customerID)
        let changes = try BillingLineChangeRecord.filter(Column("documentID") == id).order(Column("rowid")).fetchAll(db)
        let totals = DocumentTotals(lines: lines.map(\.line))
        return BillingDocumentView(
            id: document.id, kind: document.kind, number: document.number, label: document.label, status: document.status,
            ticketID: document.ticketID, ticketNumber: document.ticketNumber,
            customer: Customer(
                id: document.customerID, name: document.customerName, email: document.customerEmail,
                vatNumber: customer?.vatNumber, fiscalCode: customer?.fiscalCode, address: customer?.address),
            activityTypeCode: document.activityTypeCode, registrationType: document.registrationType,
            reportID: document.reportID, workedMinutes: document.workedMinutes, travelMinutes: document.travelMinutes,
            creditedDocumentID: document.creditedDocumentID,
            lines: lines.map {
                Line(position: $0.position, source: $0.source, articleCode: $0.articleCode, description: $0.description,
                     unit: $0.unit, quantity: $0.quantity, unitPriceCents: $0.unitPriceCents,
                     discountPercent: $0.discountPercent, vatRatePercent: $0.vatRatePercent, needsPrice: $0.needsPrice,
                     amountCents: $0.amountCents)
            },
            vatTotals: totals.rates.map {
                VATTotal(vatRatePercent: $0.vatRatePercent, taxableCents: $0.taxableCents, vatCents: $0.vatCents)
            },
            taxableCents: document.taxableCents, vatCents: document.vatCents, totalCents: document.totalCents,
            closedAt: document.closedAt, createdAt: document.createdAt, issueDate: document.issueDate,
            confirmedAt: document.confirmedAt, confirmedBy: document.confirmedBy, exportedAt: document.exportedAt,
            changes: changes.map {
                Change(position: $0.position, field: $0.field, oldValue: $0.oldValue, newValue: $0.newValue,
                       changedBy: $0.changedBy, changedAt: $0.changedAt)
            })
    }
}
