public import AriannaProtocol
public import Foundation
public import GRDB
public import IntakeDomain

/// A ticket as the API and pages show it: the record joined with its type, customer, state and site.
public struct TicketView: Codable, Sendable, Equatable {
    /// The activity state (R3) as shown: name and colour.
    public struct StateLabel: Codable, Sendable, Equatable {
        /// The state's id.
        public var id: String
        /// The state's name as pages show it.
        public var name: String
        /// The state's badge colour.
        public var colour: String
        /// Whether the state closes a ticket.
        public var isFinal: Bool
    }

    /// The ticket's id.
    public var id: String
    /// The document number, e.g. `TCK/2026/000123`.
    public var number: String
    /// Open, closed or cancelled.
    public var state: TicketRecord.State
    /// The activity state (R3), with its name and colour.
    public var activityState: StateLabel?
    /// The ticket's activity type.
    public var activityType: ActivityTypeRef
    /// The type's practice (R4), which decides who sees the ticket.
    public var practiceID: String?
    /// The customer who called.
    public var customer: CustomerRef
    /// The customer's site the work is at.
    public var siteID: String?
    /// That site's name.
    public var siteName: String?
    /// The zone of the work.
    public var siteZone: String?
    /// What the customer needs.
    public var description: String
    /// The values of the type's layout fields, by key.
    public var customFields: [String: String]
    /// The channel the ticket came through.
    public var channel: IntakeChannel
    /// The back-office group the ticket is with (R11).
    public var assignedGroup: String?
    /// When the ticket was opened.
    public var openedAt: Date
    /// When the deadline falls due.
    public var dueAt: Date?
    /// When it was closed or cancelled.
    public var closedAt: Date?
    /// The intervention report that closed it.
    public var reportID: String?
    /// The minutes the closing intervention took.
    public var workedMinutes: Int?
    /// The ticket whose follow-up rule opened this one.
    public var followUpOf: String?
    /// Send it back with a change (or as `If-Match`): a change on an older version is refused.
    public var version: Int
    /// Whom to call on site.
    public var contact: String?
    /// The operator in charge (a deadline's owner), with their name.
    public var assignedOperatorID: String?
    /// The operator in charge's name.
    public var assignedOperatorName: String?
    /// When and why the back office cancelled it.
    public var cancelledAt: Date?
    /// Why the back office cancelled it.
    public var cancelReason: String?

    /// The ticket with this id as pages and the API show it, or `IntakeError.ticketNotFound`.
    static func load(_ id: String, in db: Database) throws -> TicketView {
        guard let ticket = try TicketRecord.fetchOne(db, key: id) else { throw IntakeError.ticketNotFound(id) }
        return try make(ticket, in: db)
    }

    /// One stored ticket as pages and the API show it.
    static func make(_ ticket: TicketRecord, in db: Database) throws -> TicketView {
        guard let view = try makeAll([ticket], in: db).first else { throw IntakeError.ticketNotFound(ticket.id) }
        return view
    }

    /// The views of `tickets`, in their order, in a constant number of queries (one per related
    /// table, whatever the number of rows): the list pages and APIs must not query per row.
    static func makeAll(_ tickets: [TicketRecord], in db: Database) throws -> [TicketView] {
        func byID<Record: FetchableRecord & TableRecord & Identified>(_ type: Record.Type, _ keys: [String?]) throws
            -> [String: Record]
        {
            let wanted = Set(keys.compactMap { $0 })
            return Dictionary(
                try Record.fetchAll(db, keys: wanted).map { ($0.recordID, $0) }, uniquingKeysWith: { first, _ in first }
            )
        }
        let types = try byID(ActivityTypeRecord.self, tickets.map(\.activityTypeID))
        let customers = try byID(CustomerRecord.self, tickets.map(\.customerID))
        let sites = try byID(SiteRecord.self, tickets.map(\.siteID))
        let people = try byID(OperatorRecord.self, tickets.map(\.assignedOperatorID))
        let stateIDs = Array(Set(tickets.compactMap(\.stateID)))
        var states: [String: StateLabel] = [:]
        if !stateIDs.isEmpty {
            for state in try ActivityStateRecord.filter(keys: stateIDs).fetchAll(db) {
                states[state.id] = StateLabel(
                    id: state.id, name: state.name, colour: state.colour, isFinal: state.isFinal)
            }
        }
        return try tickets.map { ticket in
            guard let type = types[ticket.activityTypeID], let customer = customers[ticket.customerID]
            else { throw IntakeError.ticketNotFound(ticket.id) }
            return TicketView(
                id: ticket.id, number: ticket.number, state: ticket.state,
                activityState: ticket.stateID.flatMap { states[$0] },
                activityType: type.reference, practiceID: type.practiceID, customer: customer.reference,
                siteID: ticket.siteID, siteName: ticket.siteID.flatMap { sites[$0]?.name }, siteZone: ticket.siteZone,
                description: ticket.description, customFields: ticket.customFields, channel: ticket.channel,
                assignedGroup: ticket.assignedGroup, openedAt: ticket.openedAt, dueAt: ticket.dueAt,
                closedAt: ticket.closedAt,
                reportID: ticket.reportID, workedMinutes: ticket.workedMinutes, followUpOf: ticket.followUpOf,
                version: ticket.version, contact: ticket.contact, assignedOperatorID: ticket.assignedOperatorID,
                assignedOperatorName: ticket.assignedOperatorID.flatMap { people[$0]?.name },
                cancelledAt: ticket.cancelledAt, cancelReason: ticket.cancelReason)
        }
    }
}

/// A setup record read in bulk by its text id (`TicketView.makeAll`).
protocol Identified {
    /// The record's text id.
    var recordID: String { get }
}

extension ActivityTypeRecord: Identified { var recordID: String { id } }
extension CustomerRecord: Identified { var recordID: String { id } }
extension SiteRecord: Identified { var recordID: String { id } }
extension OperatorRecord: Identified { var recordID: String { id } }

/// One line of a ticket's history.
public struct TicketHistoryEntry: Codable, Sendable, Equatable, FetchableRecord {
    /// When it happened.
    public var occurredAt: Date
    /// The event it records (`ticket.opened.v1`, `appointment.scheduled.v1`…).
    public var eventType: String
    /// What happened, in a sentence.
    public var summary: String
}

extension TicketHistoryEntry: TableRecord {
    /// The SQLite table of the tickets' history lines.
    public static let databaseTableName = "ticketHistory"
    /// Only the entry's own columns: a line also names its ticket and its place in the history.
    public static var databaseSelection: [any SQLSelectable] {
        [Columns.occurredAt, Columns.eventType, Columns.summary]
    }

    /// The columns a ticket's history is read by.
    public enum Columns {
        /// The ticket the line belongs to.
        public static let ticketID = Column("ticketID")
        /// The line's place in the history: the order lines are shown in.
        public static let sequence = Column("sequence")
        /// When it happened.
        public static let occurredAt = Column(CodingKeys.occurredAt)
        /// The event it records.
        public static let eventType = Column(CodingKeys.eventType)
        /// What happened.
        public static let summary = Column(CodingKeys.summary)
    }
}
