import AriannaProtocol
import Foundation
import GRDB
import Logging
import ServiceKit

/// Bills closed paid activities (SPEC R19): on `ticket.closed.v1`, exactly one draft per ticket
/// priced by its activity type's registration and billing articles, which billing keeps from
/// `setup.activity-type.v1`, with the customer data of `setup.customer.v1`. Production: a
/// ticket of a type with a production order setting gets its order (`ticket.opened.v1`), materials
/// issued in a report leave the technician's van (`intervention.closed.v1`), and operators get
/// their vans (`setup.operator.v1`).
struct BillingEventHandler: EventHandler {
    /// Where drafts and production orders are announced, in the event's transaction.
    let outbox: OutboxWriter
    /// When a draft or an order is created.
    let clock: ServiceClock
    /// Ids of new documents, orders and movements.
    let ids: IDGenerator
    /// The company's zone: decides which year's sequence numbers a production order.
    let timeZone: TimeZone
    /// Where each outcome is logged.
    let logger: Logger

    /// The events billing acts on; the consumer skips the others.
    func handles(_ event: ReceivedEvent) -> Bool {
        switch event.event {
        case .ticketClosed, .ticketOpened, .interventionClosed, .activityTypeSnapshot, .customerSnapshot,
            .operatorSnapshot:
            true
        default: false
        }
    }

    /// Applies one event inside the consumer's transaction (the inbox makes a redelivery a no-op).
    func handle(_ event: ReceivedEvent, in db: Database) throws {
        switch event.event {
        case .activityTypeSnapshot(let snapshot):
            try BillingStore.keep(snapshot, in: db)
        case .customerSnapshot(let snapshot):
            try BillingStore.keep(snapshot, in: db)
        case .operatorSnapshot(let snapshot):
            try StockStore.keep(snapshot, in: db)
        case .ticketOpened(let ticket):
            if let order = try ProductionOrders.create(
                for: ticket, id: ids.next(), at: clock.now(), timeZone: timeZone, outbox: outbox,
                correlationID: event.metadata.correlationid ?? event.metadata.id, in: db)
            {
                logger.info(
                    "production order created",
                    metadata: [
                        BillingLogKey.ticketID: "\(ticket.ticketID)", BillingLogKey.documentNumber: "\(order.number)"
                    ])
            }
        case .interventionClosed(let intervention):
            try StockStore.issue(intervention, ids: ids, in: db)
        case .ticketClosed(let ticket):
            try ProductionOrders.complete(ticketID: ticket.ticketID, in: db)
            try bill(ticket, event: event, in: db)
        default:
            return
        }
    }

    private func bill(_ ticket: TicketClosed, event: ReceivedEvent, in db: Database) throws {
        let metadata: Logger.Metadata = [
            LogKey.eventID: "\(event.metadata.id)", BillingLogKey.ticketID: "\(ticket.ticketID)"
        ]
        let outcome = try BillingStore.createDraft(
            for: ticket, documentID: ids.next(), at: clock.now(), outbox: outbox,
            correlationID: event.metadata.correlationid ?? event.metadata.id, in: db)
        switch outcome {
        case .created(let documentID):
            logger.info(
                "billing draft created",
                metadata: metadata.merging([
                    BillingLogKey.documentID: "\(documentID)"
                ]) { $1 })
        case .alreadyBilled(let documentID):
            logger.info(
                "ticket already billed; nothing to do",
                metadata: metadata.merging([
                    BillingLogKey.documentID: "\(documentID)"
                ]) { $1 })
        case .notBillable:
            logger.debug("closed ticket is not billable", metadata: metadata)
        }
    }
}
