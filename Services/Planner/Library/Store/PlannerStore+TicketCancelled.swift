import AriannaProtocol
import Foundation
import GRDB
import ServiceKit

extension PlannerStore {
    /// A cancelled ticket leaves the planner (issue 12): its live appointment is cancelled, with
    /// `appointment.cancelled.v1` so notification tells the customer and the operator, and its
    /// queue entry is closed so nobody schedules it again. Runs in the consumer's transaction; a
    /// redelivered event finds nothing live and changes nothing.
    static func withdraw(
        _ ticket: TicketCancelled, at now: Date, outbox: OutboxWriter, correlationID: String?, in db: Database
    ) throws {
        let live =
            try AppointmentRecord
            .filter(AppointmentRecord.Columns.ticketID == ticket.ticketID)
            .filter(AppointmentRecord.Columns.state == AppointmentRecord.State.scheduled.rawValue)
            .fetchAll(db)
        for var appointment in live {
            appointment.state = .cancelled
            appointment.updatedAt = now
            try appointment.update(db)
            try outbox.append(
                AppointmentCancelled(
                    appointmentID: appointment.id, ticketID: appointment.ticketID,
                    ticketNumber: appointment.ticketNumber, operatorID: appointment.operatorID,
                    title: appointment.title, customer: appointment.customer, start: appointment.start,
                    end: appointment.end, reason: ticket.reason),
                correlationID: correlationID ?? ticket.ticketID, in: db)
        }
        try closeQueueEntry(ticketID: ticket.ticketID, in: db)
    }
}
