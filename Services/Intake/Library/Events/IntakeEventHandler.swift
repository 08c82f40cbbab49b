import GRDB
import ServiceKit
import AriannaProtocol

/// Intake reacts to intervention results (a closed intervention closes its ticket) and to
/// external intake requests (each opens a ticket or is rejected, and is answered).
struct IntakeEventHandler: EventHandler {
    let outbox: OutboxWriter
    let clock: ServiceClock
    let ids: IDGenerator

    func handles(_ event: ReceivedEvent) -> Bool {
        switch event.event {
        case .interventionClosed, .intakeRequested: return true
        default: return false
        }
    }

    func handle(_ event: ReceivedEvent, in db: Database) throws {
        let correlationID = event.metadata.correlationid ?? event.metadata.id
        switch event.event {
        case .interventionClosed(let intervention):
            try IntakeStore.closeTicket(for: intervention, correlationID: correlationID, outbox: outbox, in: db)
        case .intakeRequested(let request):
            try IntakeStore.answer(
                request, correlationID: correlationID, at: clock.now(), ids: ids, outbox: outbox, in: db)
        default:
            break
        }
    }
}
