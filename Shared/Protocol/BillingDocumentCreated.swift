public import Foundation

/// Billing created a document (a draft invoice) for a closed billable ticket.
public struct BillingDocumentCreated: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "billing.document.created.v1"
    /// Published on this topic.
    public static let topic = Topic.billing

    /// Billing's document id (non-empty).
    public var documentID: String
    /// Human-facing document number.
    public var number: String
    /// `"draft"` when created.
    public var status: String
    /// The ticket billed (non-empty).
    public var ticketID: String
    /// The ticket's human-facing number, printed on the document.
    public var ticketNumber: String
    /// Who is billed, copied as of the event.
    public var customer: CustomerRef
    /// The document's lines, in display order.
    public var lines: [BillingLine]
    /// Always the sum of the lines' `amountCents`.
    public var totalCents: Int
    /// When the document was created.
    public var createdAt: Date

    /// Key: the document id.
    public var aggregateID: String { documentID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        documentID: String, number: String, status: String, ticketID: String, ticketNumber: String,
        customer: CustomerRef, lines: [BillingLine], totalCents: Int, createdAt: Date
    ) {
        self.documentID = documentID
        self.number = number
        self.status = status
        self.ticketID = ticketID
        self.ticketNumber = ticketNumber
        self.customer = customer
        self.lines = lines
        self.totalCents = totalCents
        self.createdAt = createdAt
    }
}

extension BillingDocumentCreated: PayloadValidating {
    /// The draft names its ticket and customer, and its total is the sum of its lines.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(documentID, "documentID")
        check.nonEmpty(number, "number")
        check.nonEmpty(status, "status")
        check.nonEmpty(ticketID, "ticketID")
        check.nested(customer, "customer")
        check.each(lines, "lines")
        let sum = lines.reduce(0) { $0 + $1.amountCents }
        check.require(totalCents == sum, "totalCents \(totalCents) must equal the sum of lines[].amountCents (\(sum))")
    }
}
