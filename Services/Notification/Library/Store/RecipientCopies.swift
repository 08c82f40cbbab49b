import Foundation
import GRDB

/// A mailing list as intake's `setup.mailing-list.v1` last described it (R14).
struct MailingListRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "mailingList"

    var id: String
    var name: String
    /// As typed in setup; each one is checked when an email is queued.
    var addresses: [String]
    /// Empty = every practice.
    var practiceIDs: [String]
    /// Empty = every activity type.
    var activityTypeIDs: [String]
    /// Trigger names (``NotificationTrigger`` raw values).
    var events: [String]
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
    static let databaseTableName = "operatorCopy"

    var operatorID: String
    var name: String
    var email: String?
    var active: Bool
}

/// What notification needs of an activity type (`setup.activity-type.v1`): its practice, for the
/// mailing lists that follow practices, and the *notify* flag of R5.
struct ActivityTypeCopyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "activityTypeCopy"

    var activityTypeID: String
    var practiceID: String?
    var notifyAssignee: Bool
    /// "CODE — Name", for the template editor (migration notification.v6-activity-type-name).
    var name: String = ""

    /// The columns the pages sort on.
    enum Columns {
        static let activityTypeID = Column(CodingKeys.activityTypeID)
        static let name = Column(CodingKeys.name)
    }
}

/// A ticket as `ticket.opened.v1` described it: later events (appointment, cancellation,
/// completed intervention) name only the ticket, yet their emails need its customer and type.
struct TicketCopyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "ticketCopy"

    var ticketID: String
    var number: String
    var activityTypeID: String
    var customerID: String
    var customerName: String
    var customerEmail: String?
    var operatorInChargeID: String?
    /// The customer's site the ticket is for (migration notification.v12-site-contacts).
    var siteID: String? = nil

    /// Inserts the copy or overwrites an earlier one (a replayed `ticket.opened.v1`), through a
    /// statement compiled once per connection: GRDB's `upsert` builds its SQL at every call,
    /// which was a fifth of the handler's time per event while catching up (issue 15).
    func keep(in db: Database) throws {
        // Raw and cached: measured hot while catching up a backlog (issue 15), see above.
        let statement = try db.cachedStatement(sql: """
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
            ticketID, number, activityTypeID, customerID, customerName, customerEmail, operatorInChargeID, siteID])
    }
}

/// A customer's site as `setup.customer.v1` last described it: whom to write to there
/// (migration notification.v12-site-contacts).
struct SiteCopyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "siteCopy"

    var siteID: String
    var customerID: String
    var name: String
    /// As typed in setup; checked when an email is queued.
    var contactEmail: String?
}

/// What notification needs of a customer beyond what tickets carry (`setup.customer.v1`): the
/// language their emails are written in (migration notification.v10-customer-language).
struct CustomerCopyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "customerCopy"

    var customerID: String
    /// `"it"` or `"en"`; `nil` = Italian.
    var language: String?
}
