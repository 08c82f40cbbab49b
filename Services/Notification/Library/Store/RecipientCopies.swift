import Foundation
import GRDB
import NotificationDomain

/// A mailing list as intake's `setup.mailing-list.v1` last described it (R14).
struct MailingListRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table of the mailing lists.
    static let databaseTableName = "mailingList"

    /// intake's id of the list.
    var id: String
    /// The list's name, shown in a refusal that names the list.
    var name: String
    /// As typed in setup; each one is checked when an email is queued.
    var addresses: [String]
    /// Empty = every practice.
    var practiceIDs: [String]
    /// Empty = every activity type.
    var activityTypeIDs: [String]
    /// Trigger names (``NotificationTrigger`` raw values).
    var events: [String]
    /// An inactive list receives nothing.
    var active: Bool

    /// Whether the list wants `trigger` for a ticket of `activityTypeID` in `practiceID`.
    func follows(_ trigger: NotificationTrigger, activityTypeID: String?, practiceID: String?) -> Bool {
        guard active, events.contains(trigger.rawValue) else { return false }
        if !activityTypeIDs.isEmpty {
            guard let activityTypeID, activityTypeIDs.contains(activityTypeID) else { return false }
        }
        if !practiceIDs.isEmpty {
            guard let practiceID, practiceIDs.contains(practiceID) else { return false }
        }
        return true
    }
}

/// An operator's name and email from `setup.operator.v1`: the technician of an appointment and
/// the operator in charge of a deadline are addressed through it.
struct OperatorCopyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table of the operators.
    static let databaseTableName = "operatorCopy"

    /// intake's id of the operator, as appointments and tickets name them.
    var operatorID: String
    /// The name the email greets.
    var name: String
    /// As typed in setup; checked when an email is queued.
    var email: String?
    /// An inactive operator receives nothing.
    var active: Bool
}

/// What notification needs of an activity type (`setup.activity-type.v1`): its practice, for the
/// mailing lists that follow practices, and the *notify* flag of R5.
struct ActivityTypeCopyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table of the activity types.
    static let databaseTableName = "activityTypeCopy"

    /// intake's id of the activity type, as tickets name it.
    var activityTypeID: String
    /// The practice the type belongs to: mailing lists and the visibility of emails (R4) follow it.
    var practiceID: String?
    /// The *notify* flag of R5: the operator in charge hears of a new deadline.
    var notifyAssignee: Bool
    /// "CODE — Name", for the template editor (migration notification.v6-activity-type-name).
    var name: String = ""

    /// The columns the pages sort on.
    enum Columns {
        /// The activity type's id: the editors' tie-breaker.
        static let activityTypeID = Column(CodingKeys.activityTypeID)
        /// The name the editors sort by.
        static let name = Column(CodingKeys.name)
    }
}

/// A ticket as `ticket.opened.v1` described it: later events (appointment, cancellation,
/// completed intervention) name only the ticket, yet their emails need its customer and type.
struct TicketCopyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table of the tickets.
    static let databaseTableName = "ticketCopy"

    /// intake's id of the ticket, as later events name it.
    var ticketID: String
    /// The number the emails quote, e.g. `TCK/2026/000123`.
    var number: String
    /// The type: recipient rules, templates and practice follow it.
    var activityTypeID: String
    /// The customer the ticket is for: their language and sites.
    var customerID: String
    /// The name the customer's emails greet.
    var customerName: String
    /// The customer's address as the ticket carried it; checked when an email is queued.
    var customerEmail: String?
    /// The operator in charge of a deadline (R5), who may hear of it.
    var operatorInChargeID: String?
    /// The customer's site the ticket is for (migration notification.v12-site-contacts).
    var siteID: String? = nil

    /// Inserts the copy or overwrites an earlier one (a replayed `ticket.opened.v1`), through a
    /// statement compiled once per connection: GRDB's `upsert` builds its SQL at every call,
    /// which was a fifth of the handler's time per event while catching up (issue 15).
    func keep(in db: Database) throws {
        // Raw and cached: measured hot while catching up a backlog (issue 15), see above.
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO ticketCopy
                    (ticketID, number, activityTypeID, customerID, customerName, customerEmail, operatorInChargeID, siteID)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (ticketID) DO UPDATE SET
                    number = excluded.number, activityTypeID = excluded.activityTypeID,
                    customerID = excluded.customerID, customerName = excluded.customerName,
                    customerEmail = excluded.customerEmail, operatorInChargeID = excluded.operatorInChargeID,
                    siteID = excluded.siteID
                """)
        try statement.execute(arguments: [
            ticketID, number, activityTypeID, customerID, customerName, customerEmail, operatorInChargeID, siteID
        ])
    }
}

/// A customer's site as `setup.customer.v1` last described it: whom to write to there
/// (migration notification.v12-site-contacts).
struct SiteCopyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table of the sites.
    static let databaseTableName = "siteCopy"

    /// intake's id of the site, as tickets name it.
    var siteID: String
    /// The customer the site belongs to.
    var customerID: String
    /// The site's name, greeting its contact.
    var name: String
    /// As typed in setup; checked when an email is queued.
    var contactEmail: String?
}

/// What notification needs of a customer beyond what tickets carry (`setup.customer.v1`): the
/// language their emails are written in (migration notification.v10-customer-language).
struct CustomerCopyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table of the customers' languages.
    static let databaseTableName = "customerCopy"

    /// intake's id of the customer.
    var customerID: String
    /// `"it"` or `"en"`; `nil` = Italian.
    var language: String?
}
