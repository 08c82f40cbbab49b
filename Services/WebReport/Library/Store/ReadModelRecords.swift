import AriannaProtocol
import Foundation
import GRDB
import WebReportDomain

/// A ticket as web-report knows it from intake's events: what the appointment page and the
/// deadlines of the to-do list show.
struct TicketInfoRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "ticketInfo"

    /// Whether the ticket is still open; closed and cancelled tickets leave the deadlines.
    enum State: String, Codable, Sendable {
        /// `open` while intake works on the ticket, `closed` once it is closed, `cancelled` once it is withdrawn;
        /// only an open ticket's deadline is on the to-do list.
        case open, closed, cancelled
    }

    /// Intake's ticket id.
    var ticketID: String
    /// The ticket's number as people read it.
    var number: String
    /// The ticket's activity type, to find its colour, layout and articles.
    var activityTypeID: String
    /// The type's name when the ticket was opened, shown until its snapshot is known.
    var activityTypeName: String
    /// The ticket's customer.
    var customerID: String
    /// The customer's name when the ticket was opened.
    var customerName: String
    /// The zone of the site visited, to pick the customer's address there.
    var siteZone: String?
    /// What the ticket asks for.
    var description: String
    /// When intake opened the ticket.
    var openedAt: Date
    /// The activity type's macro type (intervention, deadline…).
    var macroType: ActivityMacroType?
    /// A deadline's due date.
    var dueAt: Date?
    /// Whose to-do list the deadline is on.
    var operatorInChargeID: String?
    /// Open, closed or cancelled, as intake last said.
    var state: State
    /// Values of the activity type's custom fields, by key (labels are in the type's layout);
    /// nil from an intake older than the member.
    var customFields: [String: String]? = nil

    /// The columns the deadlines' queries name.
    enum Columns {
        /// The `ticketID` column: intake's ticket id, which orders deadlines due at the same time.
        static let ticketID = Column(CodingKeys.ticketID)
        /// The `operatorInChargeID` column: whose to-do list the ticket's deadline is on.
        static let operatorInChargeID = Column(CodingKeys.operatorInChargeID)
        /// The `state` column: open, closed or cancelled; the deadlines list only the open ones.
        static let state = Column(CodingKeys.state)
        /// The `dueAt` column: the deadline's due date, where it goes on the to-do list and its order.
        static let dueAt = Column(CodingKeys.dueAt)
    }
}

/// One line of a ticket's history as far as web-report has seen it.
struct TicketHistoryRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "ticketHistory"

    /// What happened; the page words it.
    enum Kind: String, Codable, Sendable {
        /// One case per event the history records.
        case opened, scheduled, moved, appointmentCancelled, reported, anotherVisit, closed, cancelled
    }

    /// The row's id, in insertion order; nil before it is inserted.
    var id: Int64?
    /// The ticket the line belongs to.
    var ticketID: String
    /// When it happened.
    var at: Date
    /// What happened.
    var kind: Kind
    /// Free text carried by the event (operator, reason, note…).
    var detail: String

    /// Keeps the id SQLite gave the new line.
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The columns the history's queries name.
    enum Columns {
        /// The `id` column: the line's row id, in insertion order, which breaks ties of the same time.
        static let id = Column(CodingKeys.id)
        /// The `ticketID` column: the ticket whose history the appointment page shows.
        static let ticketID = Column(CodingKeys.ticketID)
        /// The `at` column: when it happened, the history's order.
        static let at = Column(CodingKeys.at)
    }
}

/// An activity type from intake's setup snapshots: its colour, custom fields and billing
/// articles (the materials a report proposes).
struct ActivityTypeInfoRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "activityTypeInfo"

    /// Intake's activity type id.
    var id: String
    /// The type's short code.
    var code: String
    /// The type's name as the lists show it.
    var name: String
    /// The stripe colour of its lines, `#rgb` or `#rrggbb`.
    var colour: String
    /// The custom fields its tickets carry, in order, with their labels.
    var layout: [ActivityTypeSnapshot.LayoutField]
    /// The articles a report of this type proposes.
    var billingArticles: [ActivityTypeSnapshot.BillingArticle]
}

/// A customer from intake's setup snapshots: phone and site addresses for the to-do list.
struct CustomerInfoRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "customerInfo"

    /// Intake's customer id.
    var id: String
    /// The customer's name.
    var name: String
    /// The number the technician calls.
    var phone: String?
    /// The customer's email address, if any.
    var email: String?
    /// The customer's sites with their zones and addresses.
    var sites: [CustomerSnapshot.Site]

    /// The address of the customer's active site in `zone`, else of its first active site.
    func address(inZone zone: String?) -> String? {
        let active = sites.filter(\.active)
        return (active.first { $0.zone == zone } ?? active.first)?.address
    }
}

/// An article of billing's catalogue (`catalogue.article.v1`).
struct ArticleRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "article"

    /// The article's code, the catalogue's key.
    var code: String
    /// Italian description.
    var description: String
    /// English description, if billing has one.
    var descriptionEN: String?
    /// Unit of measure, e.g. `pz`, `h`, `m`.
    var unit: String
    /// Labour, material, service or finished product, as billing names it.
    var kind: String
    /// `false` once retired: it may no longer go on a report.
    var active: Bool

    /// The columns the article search names.
    enum Columns {
        /// The `code` column: the catalogue's key, which the article search matches and sorts by.
        static let code = Column(CodingKeys.code)
        /// The `description` column: the Italian description the article search matches.
        static let description = Column(CodingKeys.description)
        /// The `descriptionEN` column: the English description the article search matches too.
        static let descriptionEN = Column(CodingKeys.descriptionEN)
        /// The `active` column: false for a retired article, which the search no longer proposes.
        static let active = Column(CodingKeys.active)
    }

    /// The article as the report rules check it.
    var catalogueArticle: ArticleCatalogue.Article {
        .init(code: code, description: description, descriptionEN: descriptionEN, unit: unit, active: active)
    }
}
