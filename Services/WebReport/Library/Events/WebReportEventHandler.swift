import GRDB
import Logging
import ServiceKit
import AriannaProtocol

/// Keeps the operators' to-do lists in step with the planner: scheduled → on the list, moved →
/// new operator and time, cancelled → off the list. Ticket events need nothing here (a ticket
/// is closed by the report filed in this service), so they are acknowledged untouched.
struct WebReportEventHandler: EventHandler {
    let clock: ServiceClock
    let logger: Logger

    func handles(_ event: ReceivedEvent) -> Bool {
        switch event.event {
        case .appointmentScheduled, .appointmentMoved, .appointmentCancelled: true
        default: false
        }
    }

    func handle(_ event: ReceivedEvent, in db: Database) throws {
        let now = clock.now()
        switch event.event {
        case .appointmentScheduled(let appointment):
            try WebReportStore.schedule(appointment, at: now, in: db)
        case .appointmentMoved(let appointment):
            try WebReportStore.move(appointment, at: now, in: db)
        case .appointmentCancelled(let appointment):
            if try !WebReportStore.cancel(appointment, at: now, in: db) {
                logger.info("cancellation of an appointment that is not open on any to-do list; nothing to remove",
                            metadata: [LogKey.eventID: "\(event.metadata.id)", WebReportLogKey.appointmentID: "\(appointment.appointmentID)"])
            }
        default:
            return
        }
    }
}
