import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// The Kafka channel (R10): an external system asks for a ticket with `intake.request.v1` and
/// is answered on the reply topic with `intake.reply.v1`, idempotent by its request id
/// (`kafka:<requestID>`). Like the other channels it ends in `IntakeStore.openRecord`.
enum KafkaChannel {
    /// Answers an external system's `intake.request.v1` on the reply topic, in the consumer's
    /// transaction: accepted with the ticket (a repeated request id returns the same ticket), or
    /// rejected with every reason. Nothing but the reply is written for a rejected request.
    static func answer(
        _ request: IntakeRequested, correlationID: String?, at now: Date, ids: IDGenerator,
        outbox: OutboxWriter, settings: IntakeSettings = .standard, in db: Database
    ) throws {
        let ticket = NewTicket(
            activityTypeCode: request.activityTypeCode ?? "",
            customer: .init(name: request.customer?.name ?? "", email: request.customer?.email),
            siteZone: request.siteZone, description: request.description ?? "",
            customFields: request.customFields ?? [:], idempotencyKey: "kafka:\(request.requestID)")
        let reply: IntakeReplied
        do {
            let opened = try IntakeStore.openRecord(
                ticket, channel: .kafka, at: now, ids: ids, outbox: outbox,
                correlationID: correlationID, settings: settings, in: db)
            reply = IntakeReplied(
                requestID: request.requestID, status: .accepted, ticketID: opened.ticket.id,
                ticketNumber: opened.ticket.number, reasons: [], repliedAt: now)
        } catch let error as IntakeError {
            reply = IntakeReplied(
                requestID: request.requestID, status: .rejected, ticketID: nil, ticketNumber: nil,
                reasons: error.reasons, repliedAt: now)
        }
        try outbox.append(reply, correlationID: correlationID, in: db)
    }
}
