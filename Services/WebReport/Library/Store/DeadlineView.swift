import AriannaProtocol
import Foundation

/// A deadline of an operator's to-do list (R15) as the JSON API answers it: the ticket in that
/// operator's charge and the day it is due, so a phone or an integrator sees the same list as
/// the page.
struct DeadlineView: Codable, Sendable, Equatable {
    /// The ticket that is due.
    var ticketID: String
    /// The ticket's number as people read it.
    var ticketNumber: String
    /// Whose list the deadline is on.
    var operatorInChargeID: String
    /// The ticket's activity type as intake named it.
    var activityTypeName: String
    /// The ticket's customer.
    var customerName: String
    /// What the ticket asks for.
    var description: String
    /// When the work is due.
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
