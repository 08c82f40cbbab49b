import Foundation
import GRDB
import Logging
import ServiceKit
import AriannaProtocol

/// Turns ticket and appointment events into email jobs for the customer (SPEC R14).
///
/// Runs inside the consumer's transaction, so the job and the inbox entry commit together:
/// exactly one email per event and recipient. Sending is the worker's business; this only queues.
/// An event whose customer has no usable address is applied (acknowledged) without a job, and
/// logged, because retrying it would never produce one.
struct NotificationEventHandler: EventHandler {
    let clock: ServiceClock
    let ids: IDGenerator
    let logger: Logger

    func handles(_ event: ReceivedEvent) -> Bool {
        switch event.event {
        case .ticketOpened, .appointmentScheduled, .appointmentMoved, .appointmentCancelled: true
        default: false
        }
    }

    func handle(_ event: ReceivedEvent, in db: Database) throws {
        let now = clock.now()
        switch event.event {
        case .ticketOpened(let ticket):
            try queue(
                .ticketOpened, for: ticket.customer, event: event,
                facts: EmailFacts(
                    customerName: ticket.customer.name, ticketNumber: ticket.number, description: ticket.description),
                at: now, in: db)

        case .appointmentScheduled(let appointment):
            try NotificationStore.rememberTechnician(
                appointment.operatorName, ofAppointment: appointment.appointmentID, at: now, in: db)
            try queue(
                .appointmentScheduled, for: appointment.customer, event: event,
                facts: EmailFacts(
                    customerName: appointment.customer?.name ?? "", ticketNumber: appointment.ticketNumber,
                    title: appointment.title, start: appointment.start, end: appointment.end,
                    technicianName: appointment.operatorName),
                at: now, in: db)

        case .appointmentMoved(let appointment):
            try NotificationStore.rememberTechnician(
                appointment.operatorName, ofAppointment: appointment.appointmentID, at: now, in: db)
            try queue(
                .appointmentMoved, for: appointment.customer, event: event,
                facts: EmailFacts(
                    customerName: appointment.customer?.name ?? "", ticketNumber: appointment.ticketNumber,
                    title: appointment.title, start: appointment.start, end: appointment.end,
                    previousStart: appointment.previousStart, previousEnd: appointment.previousEnd,
                    technicianName: appointment.operatorName),
                at: now, in: db)

        case .appointmentCancelled(let appointment):
            let technician = try NotificationStore.technician(ofAppointment: appointment.appointmentID, in: db)
            try queue(
                .appointmentCancelled, for: appointment.customer, event: event,
                facts: EmailFacts(
                    customerName: appointment.customer?.name ?? "", ticketNumber: appointment.ticketNumber,
                    title: appointment.title, start: appointment.start, end: appointment.end,
                    technicianName: technician, reason: appointment.reason),
                at: now, in: db)

        default:
            return
        }
    }

    /// Queues one email to `customer`, or logs why there is none.
    private func queue(
        _ kind: EmailKind, for customer: CustomerRef?, event: ReceivedEvent, facts: EmailFacts, at now: Date,
        in db: Database
    ) throws {
        var metadata: Logger.Metadata = [
            LogKey.eventID: "\(event.metadata.id)", LogKey.eventType: "\(event.metadata.type)",
        ]
        guard let customer else {
            logger.info("no email: the appointment has no customer", metadata: metadata)
            return
        }
        metadata[NotificationLogKey.customerID] = "\(customer.id)"
        guard let recipient = EmailRecipient(address: customer.email, name: customer.name) else {
            let why = customer.email?.isEmpty == false ? "has an unusable email address" : "has no email address"
            logger.notice("no email: the customer \(why)", metadata: metadata)
            return
        }
        let job = EmailJobRecord(
            id: ids.next(), eventID: event.metadata.id, eventType: event.metadata.type, kind: kind,
            recipient: recipient.address, recipientName: recipient.name, facts: facts, status: .queued,
            attempts: 0, nextAttemptAt: now, lastError: nil, subject: nil, body: nil, createdAt: now, sentAt: nil)
        if try NotificationStore.queueEmail(job, in: db) {
            logger.debug("email queued", metadata: metadata.merging([NotificationLogKey.emailID: "\(job.id)"]) { $1 })
        } else {
            logger.debug("email already queued for this event", metadata: metadata)
        }
    }
}
