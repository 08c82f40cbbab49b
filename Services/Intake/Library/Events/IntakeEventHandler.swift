import GRDB
import ServiceKit
import AriannaProtocol

/// Intake reacts to intervention results: a closed intervention closes its ticket.
struct IntakeEventHandler: EventHandler {
    let outbox: OutboxWriter

    func handles(_ event: ReceivedEvent) -> Bool {
        if case .interventionClosed = event.event { return true }
        return false
    }

    func handle(_ event: ReceivedEvent, in db: Database) throws {
        guard case .interventionClosed(let intervention) = event.event else { return }
        try IntakeStore.closeTicket(
            for: intervention, correlationID: event.metadata.correlationid ?? event.metadata.id,
            outbox: outbox, in: db)
    }
}
