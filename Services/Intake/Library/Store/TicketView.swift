public import Foundation
public import GRDB
public import AriannaProtocol

/// A ticket as the API and pages show it: the record joined with its type, customer, state and site.
public struct TicketView: Codable, Sendable, Equatable {
    /// The activity state (R3) as shown: name and colour.
    public struct StateLabel: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var colour: String
        public var isFinal: Bool
    }

    public var id: String
    public var number: String
    public var state: TicketRecord.State
    public var activityState: StateLabel?
    public var activityType: ActivityTypeRef
    public var practiceID: String?
    public var customer: CustomerRef
    public var siteID: String?
    public var siteName: String?
    public var siteZone: String?
    public var description: String
    public var customFields: [String: String]
    public var channel: IntakeChannel
    public var assignedGroup: String?
    public var openedAt: Date
    public var dueAt: Date?
    public var closedAt: Date?
    public var reportID: String?
    public var workedMinutes: Int?
    /// The ticket whose follow-up rule opened this one.
    public var followUpOf: String?
    /// Send it back with a change (or as `If-Match`): a change on an older version is refused.
    public var version: Int
    /// Whom to call on site.
    public var contact: String?
    /// The operator in charge (a deadline's owner), with their name.
    public var assignedOperatorID: String?
    public var assignedOperatorName: String?
    /// When and why the back office cancelled it.
    public var cancelledAt: Date?
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
        func byID<Record: FetchableRecord & TableRecord & Identified>(_ type: Record.Type, _ keys: [String?]) throws -> [String: Record] {
            let wanted = Set(keys.compactMap { $0 })
            return Dictionary(try Record.fetchAll(db, keys: wanted).map { ($0.recordID, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let types = try byID(ActivityTypeRecord.self, tickets.map(\.activityTypeID))
        let customers = try byID(CustomerRecord.self, tickets.map(\.customerID))
        let sites = try byID(SiteRecord.self, tickets.map(\.siteID))
        let people = try byID(OperatorRecord.self, tickets.map(\.assignedOperatorID))
        let stateIDs = Array(Set(tickets.compactMap(\.stateID)))
        var states: [String: StateLabel] = [:]
        if !stateIDs.isEmpty {
            for row in try Row.fetchAll(db, sql: """
                SELECT id, name, colour, isFinal FROM activityState WHERE id IN (\(stateIDs.map { _ in "?" }.joined(separator: ",")))
                """, arguments: StatementArguments(stateIDs)) {
                states[row["id"]] = StateLabel(id: row["id"], name: row["name"], colour: row["colour"], isFinal: row["isFinal"])
            }
        }
        return try tickets.map { ticket in
            guard let type = types[ticket.activityTypeID], let customer = customers[ticket.customerID]
            else { throw IntakeError.ticketNotFound(ticket.id) }
            return TicketView(
                id: ticket.id, number: ticket.number, state: ticket.state, activityState: ticket.stateID.flatMap { states[$0] },
                activityType: type.reference, practiceID: type.practiceID, customer: customer.reference,
                siteID: ticket.siteID, siteName: ticket.siteID.flatMap { sites[$0]?.name }, siteZone: ticket.siteZone,
                description: ticket.description, customFields: ticket.customFields, channel: ticket.channel,
                assignedGroup: ticket.assignedGroup, openedAt: ticket.openedAt, dueAt: ticket.dueAt, closedAt: ticket.closedAt,
                reportID: ticket.reportID, workedMinutes: ticket.workedMinutes, followUpOf: ticket.followUpOf,
                version: ticket.version, contact: ticket.contact, assignedOperatorID: ticket.assignedOperatorID,
                assignedOperatorName: ticket.assignedOperatorID.flatMap { people[$0]?.name },
                cancelledAt: ticket.cancelledAt, cancelReason: ticket.cancelReason)
        }
    }
}

/// A setup record read in bulk by its text id (`TicketView.makeAll`).
protocol Identified {
    var recordID: String { get }
}

extension ActivityTypeRecord: Identified { var recordID: String { id } }
extension CustomerRecord: Identified { var recordID: String { id } }
extension SiteRecord: Identified { var recordID: String { id } }
extension OperatorRecord: Identified { var recordID: String { id } }

/// One line of a ticket's history.
public struct TicketHistoryEntry: Codable, Sendable, Equatable, FetchableRecord {
    public var occurredAt: Date
    public var eventType: String
    public var summary: String
}
