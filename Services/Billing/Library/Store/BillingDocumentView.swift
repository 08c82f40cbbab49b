import BillingDomain
import Foundation
import GRDB

/// One billing document with its lines, totals per VAT rate and change log, for
/// `GET /api/billing-documents/{id}` and the pages.
struct BillingDocumentView: Codable, Sendable, Equatable {
    /// A line as shown on the document.
    struct Line: Codable, Sendable, Equatable {
        /// 1-based position on the document.
        var position: Int
        /// Where the line came from.
        var source: DocumentLine.Source
        /// The catalogue article; for a flagged line, the code as the report or type named it.
        var articleCode: String?
        /// What the customer reads on the line.
        var description: String
        /// Unit of measure.
        var unit: String
        /// Greater than zero.
        var quantity: Double
        /// Price of one unit in cents, VAT excluded.
        var unitPriceCents: Int
        /// 0…100.
        var discountPercent: Double
        /// 22, 10, 4 or 0.
        var vatRatePercent: Double
        /// The catalogue does not know the article: the clerk must set a price before confirming.
        var needsPrice: Bool
        /// `quantity × price × (1 − discount)`, rounded once.
        var amountCents: Int
    }

    /// Taxable amount and VAT of one rate.
    struct VATTotal: Codable, Sendable, Equatable {
        /// The rate, in percent.
        var vatRatePercent: Double
        /// The sum of the rate's lines.
        var taxableCents: Int
        /// The VAT on that sum, rounded once.
        var vatCents: Int
    }

    /// Who is billed.
    struct Customer: Codable, Sendable, Equatable {
        /// Intake's id of the customer.
        var id: String
        /// The name printed on the document.
        var name: String
        /// Where the customer receives documents, if known.
        var email: String?
        /// The VAT number (partita IVA), if known.
        var vatNumber: String?
        /// The fiscal code (codice fiscale), if known.
        var fiscalCode: String?
        /// The billing address, if known.
        var address: String?
    }

    /// One recorded edit.
    struct Change: Codable, Sendable, Equatable {
        /// The line changed.
        var position: Int
        /// Which field changed.
        var field: String
        /// The value before, as shown.
        var oldValue: String
        /// The value after, as shown.
        var newValue: String
        /// Who changed it.
        var changedBy: String
        /// When.
        var changedAt: Date
    }

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
    /// Who is billed, with their billing data.
    var customer: Customer
    /// The ticket's activity type.
    var activityTypeCode: String?
    /// The ``RegistrationType`` the draft was priced with.
    var registrationType: String
    /// The report whose hours and materials were billed.
    var reportID: String?
    /// Minutes worked, billed as labour.
    var workedMinutes: Int
    /// Minutes of travel, billed as travel.
    var travelMinutes: Int
    /// For a credit note, the document it corrects.
    var creditedDocumentID: String?
    /// The lines in order.
    var lines: [Line]
    /// Taxable amount and VAT per rate, highest rate first.
    var vatTotals: [VATTotal]
    /// Sum of the lines, VAT excluded.
    var taxableCents: Int
    /// VAT of all rates.
    var vatCents: Int
    /// Taxable plus VAT.
    var totalCents: Int
    /// When the ticket was closed.
    var closedAt: Date?
    /// When billing drafted it.
    var createdAt: Date
    /// The confirmation's local day, `yyyy-MM-dd`.
    var issueDate: String?
    /// When it was confirmed.
    var confirmedAt: Date?
    /// Who confirmed it.
    var confirmedBy: String?
    /// When it was first exported.
    var exportedAt: Date?
    /// Every recorded edit of a line, oldest first.
    var changes: [Change]

    /// The document `id` with its lines in order, or `nil` if there is none.
    static func load(_ id: String, in db: Database) throws -> BillingDocumentView? {
        guard let document = try BillingDocumentRecord.fetchOne(db, key: id) else { return nil }
        let lines = try BillingLineRecord.lines(of: id, in: db)
        let customer = try BillingCustomerRecord.fetchOne(db, key: document.customerID)
        let changes = try BillingLineChangeRecord.filter(BillingLineChangeRecord.Columns.documentID == id).order(
            Column.rowID
        ).fetchAll(db)
        let totals = DocumentTotals(lines: lines.map(\.line))
        return BillingDocumentView(
            id: document.id, kind: document.kind, number: document.number, label: document.label,
            status: document.status,
            ticketID: document.ticketID, ticketNumber: document.ticketNumber,
            customer: Customer(
                id: document.customerID, name: document.customerName, email: document.customerEmail,
                vatNumber: customer?.vatNumber, fiscalCode: customer?.fiscalCode, address: customer?.address),
            activityTypeCode: document.activityTypeCode, registrationType: document.registrationType,
            reportID: document.reportID, workedMinutes: document.workedMinutes, travelMinutes: document.travelMinutes,
            creditedDocumentID: document.creditedDocumentID,
            lines: lines.map {
                Line(
                    position: $0.position, source: $0.source, articleCode: $0.articleCode, description: $0.description,
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
                Change(
                    position: $0.position, field: $0.field, oldValue: $0.oldValue, newValue: $0.newValue,
                    changedBy: $0.changedBy, changedAt: $0.changedAt)
            })
    }
}
