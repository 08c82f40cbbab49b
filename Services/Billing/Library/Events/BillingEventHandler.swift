import Foundation
import GRDB
import Logging
import ServiceKit
import AriannaProtocol

/// Bills closed paid activities (SPEC R19): on `ticket.closed.v1` of a billable activity type,
/// exactly one draft billing document per ticket. Other ticket events are not billing's concern.
struct BillingEventHandler: EventHandler {
    let outbox: OutboxWriter
    let clock: ServiceClock
    let ids: IDGenerator
    /// The company's zone: decides which year's sequence numbers a document.
    let timeZone: TimeZone
    let logger: Logger

    func handles(_ event: ReceivedEvent) -> Bool {
        if case .ticketClosed = event.event { return true }
        return false
    }

    func handle(_ event: ReceivedEvent, in db: Database) throws {
        guard case .ticketClosed(let ticket) = event.event else { return }
        let metadata: Logger.Metadata = [
            LogKey.eventID: "\(event.metadata.id)", BillingLogKey.ticketID: "\(ticket.ticketID)",
        ]
        let outcome = try BillingStore.createDocument(
            for: ticket, documentID: ids.next(), at: clock.now(), timeZone: timeZone, outbox: outbox,
            correlationID: event.metadata.correlationid ?? event.metadata.id, in: db)
        switch outcome {
        case .created(let documentID, let number):
            logger.info("billing document created", metadata: metadata.merging([
                BillingLogKey.documentID: "\(documentID)", BillingLogKey.documentNumber: "\(number)"]) { $1 })
        case .alreadyBilled(let documentID):
            logger.info("ticket already billed; nothing to do", metadata: metadata.merging([
                BillingLogKey.documentID: "\(documentID)"]) { $1 })
        case .notBillable:
            logger.debug("closed ticket is not billable", metadata: metadata)
        }
    }
}
