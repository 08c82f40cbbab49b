import AriannaProtocol
import GRDB
import IntakeDomain
import ServiceKit

/// Intake reacts to intervention results (a closed intervention closes its ticket and fires
/// follow-up rules), to external intake requests (each opens a ticket or is rejected, and is
/// answered) and to the planner's appointment events (noted in the ticket's history).
struct IntakeEventHandler: EventHandler {
    /// Where the events the handler publishes are written, in the consumer's transaction.
    let outbox: OutboxWriter
    /// The time replies and closes are stamped with.
    let clock: ServiceClock
    /// Ids for the tickets and follow-ups it opens.
    let ids: IDGenerator
    /// The company's back-office group and time zone.
    var settings: IntakeSettings = .standard

    /// The events intake reacts to; the others on its topics are skipped.
    func handles(_ event: ReceivedEvent) -> Bool {
        switch event.event {
        case .interventionClosed, .intakeRequested, .appointmentScheduled, .appointmentMoved, .appointmentCancelled:
            return true
        default:
            return false
        }
    }

    /// Applies one event inside the consumer's transaction (the inbox makes a redelivery a no-op).
    func handle(_ event: ReceivedEvent, in db: Database) throws {
        let correlationID = event.metadata.correlationid ?? event.metadata.id
        switch event.event {
        case .interventionClosed(let intervention):
            try IntakeStore.closeTicket(
                for: intervention, correlationID: correlationID, outbox: outbox, ids: ids, settings: settings, in: db)
        case .intakeRequested(let request):
            try KafkaChannel.answer(
                request, correlationID: correlationID, at: clock.now(), ids: ids, outbox: outbox,
                settings: settings, in: db)
        case .appointmentScheduled, .appointmentMoved, .appointmentCancelled:
            try IntakeStore.recordAppointment(event.event, at: event.metadata.time, in: db)
        default:
            break
        }
    }
}
