import AriannaProtocol
import Foundation
import GRDB
import Logging
import ServiceKit

/// Bills closed paid activities (SPEC R19): on `ticket.closed.v1`, exactly one draft per ticket
/// priced by its activity type's registration and billing articles, which billing keeps from
/// `setup.activity-type.v1`, with the customer data of `setup.customer.v1`.
struct BillingEventHandler: EventHandler {
    let outbox: OutboxWriter
    let clock: ServiceClock
    let ids: IDGenerator
    let logger: Logger

    func handles(_ event: ReceivedEvent) -> Bool {
        switch event.event {
        case .ticketClosed, .activityTypeSnapshot, .customerSnapshot: true
        default: false
        }
    }

    func handle(_ event: ReceivedEvent, in db: Database) throws {
        switch event.event {
        case .activityTypeSnapshot(let snapshot):
            try BillingStore.keep(snapshot, in: db)
        case .customerSnapshot(let snapshot):
            try BillingStore.keep(snapshot, in: db)
        case .ticketClosed(let ticket):
            try bill(ticket, event: event, in: db)
        default:
            return
        }
    }

    private func bill(_ ticket: TicketClosed, event: ReceivedEvent, in db: Database) throws {
        let metadata: Logger.Metadata = [
            LogKey.eventID: "\(event.metadata.id)", BillingLogKey.ticketID: "\(ticket.ticketID)",
        ]
        let outcome = try BillingStore.createDraft(
            for: ticket, documentID: ids.next(), at: clock.now(), outbox: outbox,
            correlationID: event.metadata.correlationid ?? event.metadata.id, in: db)
        switch outcome {
        case .created(let documentID):
            logger.info("billing draft created", metadata: metadata.merging([
                BillingLogKey.documentID: "\(documentID)"]) { $1 })
        case .alreadyBilled(let documentID):
            logger.info("ticket already billed; nothing to do", metadata: metadata.merging([
                BillingLogKey.documentID: "\(documentID)"]) { $1 })
        case .notBillable:
            logger.debug("closed ticket is not billable", metadata: metadata)
        }
    }
}
