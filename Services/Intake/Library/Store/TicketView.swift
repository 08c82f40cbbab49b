public import Foundation
import GRDB
public import AriannaProtocol

/// A ticket as the API shows it: the record joined with its type and customer.
public struct TicketView: Codable, Sendable, Equatable {
    public var id: String
    public var number: String
    public var state: TicketRecord.State
    public var activityType: ActivityTypeRef
    public var customer: CustomerRef
    public var siteZone: String?
    public var description: String
    public var channel: IntakeChannel
    public var openedAt: Date
    public var closedAt: Date?
    public var reportID: String?
    public var workedMinutes: Int?

    static func load(_ id: String, in db: Database) throws -> TicketView {
        guard let ticket = try TicketRecord.fetchOne(db, key: id),
              let type = try ActivityTypeRecord.fetchOne(db, key: ticket.activityTypeID),
              let customer = try CustomerRecord.fetchOne(db, key: ticket.customerID)
        else { throw IntakeError.ticketNotFound(id) }
        return TicketView(
            id: ticket.id, number: ticket.number, state: ticket.state, activityType: type.reference,
            customer: customer.reference, siteZone: ticket.siteZone, description: ticket.description,
            channel: ticket.channel, openedAt: ticket.openedAt, closedAt: ticket.closedAt,
            reportID: ticket.reportID, workedMinutes: ticket.workedMinutes)
    }
}
