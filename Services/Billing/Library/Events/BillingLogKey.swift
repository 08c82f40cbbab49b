/// Logger metadata keys of the billing service, beside the shared ``LogKey`` ones.
enum BillingLogKey {
    static let ticketID = "ticket.id"
    static let documentID = "billing.document.id"
    static let documentNumber = "billing.document.number"
}
