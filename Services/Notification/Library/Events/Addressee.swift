import GRDB
import NotificationDomain
import ServiceKit

/// One person or address an event should reach, or why it cannot: the handler queues a job for
/// the first and records a failed job with the reason for the second, so the outbox page shows
/// both and nothing is dropped silently.
enum Addressee: Sendable, Equatable {
    /// `language` is the one the recipient reads (`"it"`/`"en"`); absent = Italian.
    case deliverable(EmailRecipient, EmailRecipientRole, language: String? = nil)
    /// `label` names who it was meant for (a customer, a list's entry), `reason` why it cannot go.
    case refused(label: String, role: EmailRecipientRole, reason: String)

    /// The customer of a ticket, by their address on the event or on the copy of the ticket, in
    /// the language intake's customer setup gives them (`setup.customer.v1`; Italian when none).
    static func customer(id: String, name: String, email: String?, in db: Database) throws -> Addressee {
        if let recipient = EmailRecipient(address: email, name: name) {
            return .deliverable(
                recipient, .customer,
                language: try CustomerCopyRecord.cachedFetch(db, where: "customerID", is: id)?.language)
        }
        let reason =
            (email?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
            ? "Il cliente non ha un indirizzo email / The customer has no email address"
            : "L'indirizzo del cliente non è un indirizzo email valido / The customer's address is not a valid email address: \(email ?? "")"
        return .refused(label: "customer:\(id)", role: .customer, reason: reason)
    }

    /// The contact of the ticket's site, in the customer's language; `nil` when the ticket names
    /// no site or the site has no contact email (nobody to write to, nothing to record).
    static func siteContact(siteID: String?, customerID: String, in db: Database) throws -> Addressee? {
        guard let siteID, let site = try SiteCopyRecord.cachedFetch(db, where: "siteID", is: siteID),
            let email = site.contactEmail?.trimmingCharacters(in: .whitespacesAndNewlines), !email.isEmpty
        else { return nil }
        guard let recipient = EmailRecipient(address: email, name: site.name) else {
            return .refused(
                label: "site:\(siteID)", role: .siteContact,
                reason:
                    "Il contatto della sede \(site.name) non ha un indirizzo email valido / The contact of site \(site.name) has no valid email address: \(email)"
            )
        }
        return .deliverable(
            recipient, .siteContact,
            language: try CustomerCopyRecord.cachedFetch(db, where: "customerID", is: customerID)?.language)
    }

    /// An operator (technician or operator in charge) by id, from the operators' copy.
    static func staff(_ operatorID: String, role: EmailRecipientRole, in db: Database) throws -> Addressee {
        guard let person = try OperatorCopyRecord.cachedFetch(db, where: "operatorID", is: operatorID) else {
            return .refused(
                label: "operator:\(operatorID)", role: role,
                reason: "Operatore sconosciuto / Unknown operator \(operatorID)")
        }
        if let recipient = EmailRecipient(address: person.email, name: person.name) {
            return .deliverable(recipient, role)
        }
        return .refused(
            label: "operator:\(operatorID)", role: role,
            reason:
                "L'operatore \(person.name) non ha un indirizzo email valido / Operator \(person.name) has no valid email address"
        )
    }

    /// Every address of every active mailing list that follows `trigger` for this activity type
    /// (and its practice). A list with no valid address at all adds one refusal naming the list.
    static func mailingLists(
        following trigger: NotificationTrigger, activityTypeID: String?, in db: Database
    ) throws -> [Addressee] {
        // Raw and cached: runs for every event the consumer handles, measured hot while catching up.
        let lists = try MailingListRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM mailingList ORDER BY name"))
        guard !lists.isEmpty else { return [] }
        let practiceID = try activityTypeID.flatMap {
            try ActivityTypeCopyRecord.cachedFetch(db, where: "activityTypeID", is: $0)
        }?.practiceID
        var result: [Addressee] = []
        for list in lists where list.follows(trigger, activityTypeID: activityTypeID, practiceID: practiceID) {
            var valid = 0
            for address in list.addresses {
                if let recipient = EmailRecipient(address: address, name: list.name) {
                    valid += 1
                    result.append(.deliverable(recipient, .mailingList))
                } else {
                    result.append(
                        .refused(
                            label: "list:\(list.id):\(address)", role: .mailingList,
                            reason:
                                "'\(address)' nella lista \(list.name) non è un indirizzo email / is not an email address"
                        ))
                }
            }
            if valid == 0, list.addresses.isEmpty {
                result.append(
                    .refused(
                        label: "list:\(list.id)", role: .mailingList,
                        reason:
                            "La lista \(list.name) non ha indirizzi validi / Mailing list \(list.name) has no valid address"
                    ))
            }
        }
        return result
    }
}
