public import Foundation

/// Billing confirmed a document: it now has its fiscal number and can no longer change; a
/// correction is a credit note, confirmed and published the same way. Carries the whole document
/// so an accounting system takes it over without asking billing anything.
public struct BillingDocumentConfirmed: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "billing.document.confirmed.v1"
    /// Published on this topic.
    public static let topic = Topic.billing

    /// One line as confirmed. Amounts are positive on invoices and on credit notes alike:
    /// `kind` says which way the money goes.
    public struct Line: Codable, Sendable, Equatable {
        /// 1-based display order.
        public var position: Int
        /// The catalogue article, when the line is for one.
        public var articleCode: String?
        /// The line's text as printed on the document.
        public var description: String
        /// Unit of measure, e.g. `h`, `pz`.
        public var unit: String
        /// Greater than zero.
        public var quantity: Double
        /// Price of one unit in cents, VAT excluded (not negative).
        public var unitPriceCents: Int
        /// 0…100.
        public var discountPercent: Double
        /// 22, 10, 4 or 0.
        public var vatRatePercent: Double
        /// `quantity × unitPriceCents × (1 − discount)`, rounded once to whole cents; VAT excluded.
        public var amountCents: Int

        /// Memberwise.
        public init(
            position: Int, articleCode: String?, description: String, unit: String, quantity: Double,
            unitPriceCents: Int, discountPercent: Double, vatRatePercent: Double, amountCents: Int
        ) {
            self.position = position
            self.articleCode = articleCode
            self.description = description
            self.unit = unit
            self.quantity = quantity
            self.unitPriceCents = unitPriceCents
            self.discountPercent = discountPercent
            self.vatRatePercent = vatRatePercent
            self.amountCents = amountCents
        }
    }

    /// The taxable amount and VAT of one rate: VAT is computed once per rate, not per line.
    public struct VATTotal: Codable, Sendable, Equatable {
        /// The rate these totals are for.
        public var vatRatePercent: Double
        /// Sum of the rate's line amounts, VAT excluded.
        public var taxableCents: Int
        /// VAT of the rate, computed once on `taxableCents`.
        public var vatCents: Int

        /// Memberwise.
        public init(vatRatePercent: Double, taxableCents: Int, vatCents: Int) {
            self.vatRatePercent = vatRatePercent
            self.taxableCents = taxableCents
            self.vatCents = vatCents
        }
    }

    /// Billing's document id (non-empty).
    public var documentID: String
    /// The fiscal number, gapless per sequence and year, e.g. `FAT/2026/000045` (non-empty).
    public var number: String
    /// `invoice` or `credit-note`.
    public var kind: String
    /// For a credit note, the document it corrects.
    public var creditedDocumentID: String?
    /// The document's date in the company's time zone, `yyyy-MM-dd`.
    public var issueDate: String
    /// The ticket billed, when the document bills one.
    public var ticketID: String?
    /// The ticket's human-facing number, printed on the document.
    public var ticketNumber: String?
    /// The activity type's code, when the document bills a ticket.
    public var activityTypeCode: String?
    /// Who is billed, copied as of confirmation.
    public var customer: CustomerRef
    /// The customer's VAT number (partita IVA), when intake has it.
    public var customerVATNumber: String?
    /// The customer's fiscal code (codice fiscale), when intake has it.
    public var customerFiscalCode: String?
    /// The customer's billing address, when intake has it.
    public var customerAddress: String?
    /// The document's lines in display order.
    public var lines: [Line]
    /// One entry per VAT rate used, by rate descending.
    public var vatTotals: [VATTotal]
    /// The sum of the lines' amounts.
    public var taxableCents: Int
    /// The sum of `vatTotals[].vatCents`.
    public var vatCents: Int
    /// `taxableCents + vatCents`.
    public var totalCents: Int
    /// When the document was confirmed and its number assigned.
    public var confirmedAt: Date
    /// The display name of the user who confirmed it.
    public var confirmedBy: String

    /// Key: the document id.
    public var aggregateID: String { documentID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        documentID: String, number: String, kind: String, creditedDocumentID: String?, issueDate: String,
        ticketID: String?, ticketNumber: String?, activityTypeCode: String?, customer: CustomerRef,
        customerVATNumber: String?, customerFiscalCode: String?, customerAddress: String?, lines: [Line],
        vatTotals: [VATTotal], taxableCents: Int, vatCents: Int, totalCents: Int, confirmedAt: Date,
        confirmedBy: String
    ) {
        self.documentID = documentID
        self.number = number
        self.kind = kind
        self.creditedDocumentID = creditedDocumentID
        self.issueDate = issueDate
        self.ticketID = ticketID
        self.ticketNumber = ticketNumber
        self.activityTypeCode = activityTypeCode
        self.customer = customer
        self.customerVATNumber = customerVATNumber
        self.customerFiscalCode = customerFiscalCode
        self.customerAddress = customerAddress
        self.lines = lines
        self.vatTotals = vatTotals
        self.taxableCents = taxableCents
        self.vatCents = vatCents
        self.totalCents = totalCents
        self.confirmedAt = confirmedAt
        self.confirmedBy = confirmedBy
    }
}

extension BillingDocumentConfirmed: PayloadValidating {
    /// The fiscal document adds up: lines to the taxable amount, the per-rate totals to the taxable
    /// amount and VAT, taxable plus VAT to the total, so an accountant's export never disagrees with
    /// itself.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(documentID, "documentID")
        check.nonEmpty(number, "number")
        check.require(kind == "invoice" || kind == "credit-note", "kind must be invoice or credit-note")
        check.nested(customer, "customer")
        check.each(lines, "lines")
        let lineSum = lines.reduce(0) { $0 + $1.amountCents }
        check.require(
            taxableCents == lineSum,
            "taxableCents \(taxableCents) must equal the sum of lines[].amountCents (\(lineSum))")
        let rateTaxable = vatTotals.reduce(0) { $0 + $1.taxableCents }
        check.require(taxableCents == rateTaxable, "taxableCents must equal the sum of vatTotals[].taxableCents")
        let rateVAT = vatTotals.reduce(0) { $0 + $1.vatCents }
        check.require(vatCents == rateVAT, "vatCents must equal the sum of vatTotals[].vatCents")
        check.require(totalCents == taxableCents + vatCents, "totalCents must equal taxableCents + vatCents")
    }
}

extension BillingDocumentConfirmed.Line: PayloadValidating {
    /// A confirmed line bills a quantity above zero, at a price that is not negative, with a discount
    /// from 0 to 100 %.
    func validate(_ check: inout PayloadCheck) {
        check.positive(quantity, "quantity")
        check.nonNegative(unitPriceCents, "unitPriceCents")
        check.require(discountPercent >= 0 && discountPercent <= 100, "discountPercent must be between 0 and 100")
    }
}
