/// Why someone receives an email, shown on the outbox page and used to pick the template.
package enum EmailRecipientRole: String, Codable, Sendable, CaseIterable {
    /// The ticket's customer.
    case customer
    /// The contact of the ticket's site, when the site has an email (intake's customer setup).
    case siteContact = "site-contact"
    /// The technician the appointment is given to.
    case technician
    /// An address of a mailing list that follows the event.
    case mailingList = "mailing-list"
    /// The operator in charge of a deadline whose activity type has the notify flag (R5).
    case operatorInCharge = "operator-in-charge"
}

extension EmailRecipientRole {
    /// Whether this recipient's "intervention completed" email carries the signed report: only
    /// the customer's side (the customer and the site's contact), never staff or mailing lists.
    package var receivesSignedReport: Bool { self == .customer || self == .siteContact }
}
