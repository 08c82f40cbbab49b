/// Logger metadata keys of the billing service, beside the shared ``LogKey`` ones.
enum BillingLogKey {
    /// The ticket a log line is about.
    static let ticketID = "ticket.id"
    /// The billing document a log line is about.
    static let documentID = "billing.document.id"
    /// The number of a document or production order.
    static let documentNumber = "billing.document.number"
}
