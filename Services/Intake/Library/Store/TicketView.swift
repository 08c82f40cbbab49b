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

    static func load(_ id: String, in db: Database) throws -> TicketView {
        guard let ticket = try TicketRecord.fetchOne(db, key: id) else { throw IntakeError.ticketNotFound(id) }
        return try make(ticket, in: db)
    }

    static func make(_ ticket: TicketRecord, in db: Database) throws -> TicketView {
        guard let type = try ActivityTypeRecord.fetchOne(db, key: ticket.activityTypeID),
              let customer = try CustomerRecord.fetchOne(db, key: ticket.customerID)
        else { throw IntakeError.ticketNotFound(ticket.id) }
        let state = try ticket.stateID.flatMap { stateID in
            try Row.fetchOne(db, sql: "SELECT id, name, colour, isFinal FROM activityState WHERE id = ?", arguments: [stateID])
        }.map { row in StateLabel(id: row["id"], name: row["name"], colour: row["colour"], isFinal: row["isFinal"]) }
        let site = try ticket.siteID.flatMap { try SiteRecord.fetchOne(db, key: $0) }
        let person = try ticket.assignedOperatorID.flatMap { try OperatorRecord.fetchOne(db, key: $0) }
        return TicketView(
            id: ticket.id, number: ticket.number, state: ticket.state, activityState: state,
            activityType: type.reference, practiceID: type.practiceID, customer: customer.reference,
            siteID: ticket.siteID, siteName: site?.name, siteZone: ticket.siteZone, description: ticket.description,
            customFields: ticket.customFields, channel: ticket.channel, assignedGroup: ticket.assignedGroup,
            openedAt: ticket.openedAt, dueAt: ticket.dueAt, closedAt: ticket.closedAt,
            reportID: ticket.reportID, workedMinutes: ticket.workedMinutes, followUpOf: ticket.followUpOf,
            version: ticket.version, contact: ticket.contact, assignedOperatorID: ticket.assignedOperatorID,
            assignedOperatorName: person?.name, cancelledAt: ticket.cancelledAt, cancelReason: ticket.cancelReason)
    }
}

/// One line of a ticket's history.
public struct TicketHistoryEntry: Codable, Sendable, Equatable, FetchableRecord {
    public var occurredAt: Date
    public var eventType: String
    public var summary: String
}
