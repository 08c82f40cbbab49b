import AriannaProtocol
import GRDB
import Logging
import ServiceKit

/// Keeps web-report's read side in step with the other services: the planner's appointments
/// make the to-do lists (scheduled → on the list, moved → new operator and time, cancelled →
/// off the list); intake's tickets and setup snapshots give the appointment pages their ticket,
/// history, customer, activity type and custom fields (kept up to date by edits); billing's
/// catalogue checks and proposes materials, and its production orders add their bill of
/// materials to what a report proposes; intake's attachments are listed on the ticket's appointments.
struct WebReportEventHandler: EventHandler {
    /// "Now", for the to-do lines' `updatedAt` and the history of appointment events.
    let clock: ServiceClock
    /// Where a cancellation of an unknown appointment is noted.
    let logger: Logger

    /// Whether web-report keeps anything from `event`; other events are only marked seen.
    func handles(_ event: ReceivedEvent) -> Bool {
        switch event.event {
        case .appointmentScheduled, .appointmentMoved, .appointmentCancelled,
            .ticketOpened, .ticketEdited, .ticketClosed, .ticketCancelled,
            .activityTypeSnapshot, .customerSnapshot, .articleSnapshot, .productionOrderCreated,
            .ticketAttachmentAdded:
            true
        default: false
        }
    }

    /// Applies `event` inside the consumer's transaction, one store function per event.
    func handle(_ event: ReceivedEvent, in db: Database) throws {
        let now = clock.now()
        switch event.event {
        case .appointmentScheduled(let appointment):
            try WebReportStore.schedule(appointment, at: now, in: db)
        case .appointmentMoved(let appointment):
            try WebReportStore.move(appointment, at: now, in: db)
        case .appointmentCancelled(let appointment):
            if try !WebReportStore.cancel(appointment, at: now, in: db) {
                logger.info(
                    "cancellation of an appointment that is not open on any to-do list; nothing to remove",
                    metadata: [
                        LogKey.eventID: "\(event.metadata.id)",
                        WebReportLogKey.appointmentID: "\(appointment.appointmentID)"
                    ])
            }
        case .ticketOpened(let ticket):
            try WebReportStore.open(ticket, at: now, in: db)
        case .ticketEdited(let edit):
            try WebReportStore.edit(edit, in: db)
        case .ticketClosed(let ticket):
            try WebReportStore.finish(
                ticketID: ticket.ticketID, as: .closed, detail: ticket.number, at: ticket.closedAt, in: db)
        case .ticketCancelled(let ticket):
            try WebReportStore.finish(
                ticketID: ticket.ticketID, as: .cancelled, detail: ticket.reason, at: ticket.cancelledAt, in: db)
        case .activityTypeSnapshot(let type):
            try WebReportStore.upsert(type, in: db)
        case .customerSnapshot(let customer):
            try WebReportStore.upsert(customer, in: db)
        case .articleSnapshot(let article):
            try WebReportStore.upsert(article, in: db)
        case .productionOrderCreated(let order):
            try WebReportStore.record(order, in: db)
        case .ticketAttachmentAdded(let file):
            try WebReportStore.record(file, in: db)
        default:
            return
        }
    }
}
