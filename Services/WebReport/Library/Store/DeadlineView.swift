import AriannaProtocol
import Foundation

/// A deadline of an operator's to-do list (R15) as the JSON API answers it: the ticket in that
/// operator's charge and the day it is due, so a phone or an integrator sees the same list as
/// the page.
struct DeadlineView: Codable, Sendable, Equatable {
    var ticketID: String
    var ticketNumber: String
    var operatorInChargeID: String
    var activityTypeName: String
    var customerName: String
    var description: String
    var dueAt: Date

    /// Nil for a ticket with no due date or no operator in charge: it is not a deadline.
    init?(_ ticket: TicketInfoRecord) {
        guard let dueAt = ticket.dueAt, let operatorID = ticket.operatorInChargeID else { return nil }
        ticketID = ticket.ticketID
        ticketNumber = ticket.number
        operatorInChargeID = operatorID
        activityTypeName = ticket.activityTypeName
        customerName = ticket.customerName
        description = ticket.description
        self.dueAt = dueAt
    }
}
