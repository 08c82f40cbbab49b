import AriannaProtocol
import Foundation
import GRDB

/// A ticket as web-report knows it from intake's events: what the appointment page and the
/// deadlines of the to-do list show.
struct TicketInfoRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "ticketInfo"

    enum State: String, Codable, Sendable { case open, closed, cancelled }

    var ticketID: String
    var number: String
    var activityTypeID: String
    var activityTypeName: String
    var customerID: String
    var customerName: String
    var siteZone: String?
    var description: String
    var openedAt: Date
    var macroType: ActivityMacroType?
    /// A deadline's due date.
    var dueAt: Date?
    /// Whose to-do list the deadline is on.
    var operatorInChargeID: String?
    var state: State
    /// Values of the activity type's custom fields, by key (labels are in the type's layout);
    /// nil from an intake older than the member.
    var customFields: [String: String]? = nil

    /// The columns the deadlines' queries name.
    enum Columns {
        static let ticketID = Column(CodingKeys.ticketID)
        static let operatorInChargeID = Column(CodingKeys.operatorInChargeID)
        static let state = Column(CodingKeys.state)
        static let dueAt = Column(CodingKeys.dueAt)
    }
}

/// One line of a ticket's history as far as web-report has seen it.
struct TicketHistoryRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "ticketHistory"

    /// What happened; the page words it.
    enum Kind: String, Codable, Sendable {
        case opened, scheduled, moved, appointmentCancelled, reported, anotherVisit, closed, cancelled
    }

    var id: Int64?
    var ticketID: String
    var at: Date
    var kind: Kind
    /// Free text carried by the event (operator, reason, note…).
    var detail: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The columns the history's queries name.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let ticketID = Column(CodingKeys.ticketID)
        static let at = Column(CodingKeys.at)
    }
}

/// An activity type from intake's setup snapshots: its colour, custom fields and billing
/// articles (the materials a report proposes).
struct ActivityTypeInfoRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "activityTypeInfo"

    var id: String
    var code: String
    var name: String
    var colour: String
    var layout: [ActivityTypeSnapshot.LayoutField]
    var billingArticles: [ActivityTypeSnapshot.BillingArticle]
}

/// A customer from intake's setup snapshots: phone and site addresses for the to-do list.
struct CustomerInfoRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "customerInfo"

    var id: String
    var name: String
    var phone: String?
    var email: String?
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

    var code: String
    var description: String
    var descriptionEN: String?
    var unit: String
    var kind: String
    var active: Bool

    var catalogueArticle: ArticleCatalogue.Article {
        .init(code: code, description: description, descriptionEN: descriptionEN, unit: unit, active: active)
    }
}
