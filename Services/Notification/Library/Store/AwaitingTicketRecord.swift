import AriannaProtocol
import Foundation
import GRDB

/// An event whose emails need notification's copy of a ticket it has not received yet
/// (migration notification.v13-awaiting-ticket).
///
/// Kafka orders a partition, never two topics: after a backlog, `intervention.closed.v1` or an
/// appointment event can be read before that call's `ticket.opened.v1`. Refusing the email then
/// loses it for good, so the handler keeps the event here, in the transaction that marks it in
/// the inbox, and handles it again, in arrival order, in the transaction that applies the ticket.
struct AwaitingTicketRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table of the waiting events.
    static let databaseTableName = "awaitingTicket"

    /// How long a ticket may stay unknown before the wait is reported as a fault (log and outbox page).
    static let reportAfter: TimeInterval = 7 * 24 * 3600

    /// Arrival order (the table's rowid): waiting events are handled again in this order.
    var sequence: Int64?
    /// The CloudEvents id: an event waits once, whatever the redeliveries.
    var eventID: String
    /// The event's CloudEvents type, shown on the outbox page.
    var eventType: String
    /// The ticket the event waits for.
    var ticketID: String
    /// The signed report the event's email carries, kept from pruning while it waits.
    var reportID: String?
    /// The event as it came (structured CloudEvent), decoded again when the ticket arrives.
    var event: Data
    /// When notification received it: a wait is overdue ``reportAfter`` later.
    var receivedAt: Date
    /// When the overdue wait was logged; `nil` until then.
    var reportedAt: Date?

    /// The columns the queries filter and sort on.
    enum Columns {
        /// Arrival order, the order waiting events are handled again in.
        static let sequence = Column(CodingKeys.sequence)
        /// The ticket a wait is released by.
        static let ticketID = Column(CodingKeys.ticketID)
        /// The signed report a wait keeps from pruning.
        static let reportID = Column(CodingKeys.reportID)
        /// When the event arrived, for the overdue report.
        static let receivedAt = Column(CodingKeys.receivedAt)
        /// When the overdue wait was logged.
        static let reportedAt = Column(CodingKeys.reportedAt)
    }
}

extension AwaitingTicketRecord {
    /// Keeps `event` until `ticketID` is known; a redelivered event is kept only once.
    static func keep(_ event: ReceivedEvent, ticketID: String, reportID: String?, at now: Date, in db: Database) throws
    {
        let wait = AwaitingTicketRecord(
            eventID: event.metadata.id, eventType: event.metadata.type, ticketID: ticketID, reportID: reportID,
            event: Data(try wireBytes(of: event)), receivedAt: now, reportedAt: nil)
        try wait.insert(db, onConflict: .ignore)
    }

    /// Removes and returns the events that waited for `ticketID`, oldest first.
    static func release(ticketID: String, in db: Database) throws -> [ReceivedEvent] {
        // Raw and cached: runs for every ticket.opened.v1 the consumer handles, measured hot while catching up.
        let waiting = try AwaitingTicketRecord.fetchAll(
            db.cachedStatement(
                sql: "SELECT * FROM awaitingTicket WHERE ticketID = ? ORDER BY sequence"), arguments: [ticketID])
        guard !waiting.isEmpty else { return [] }
        try AwaitingTicketRecord.filter(Columns.ticketID == ticketID).deleteAll(db)
        return try waiting.map { try EventCodec.decode(Array($0.event)) }
    }

    /// The CloudEvent bytes of an event that can wait for its ticket.
    private static func wireBytes(of received: ReceivedEvent) throws -> [UInt8] {
        let metadata = received.metadata
        switch received.event {
        case .ticketCancelled(let event): return try EventCodec.encode(event, metadata: metadata)
        case .appointmentScheduled(let event): return try EventCodec.encode(event, metadata: metadata)
        case .appointmentMoved(let event): return try EventCodec.encode(event, metadata: metadata)
        case .appointmentCancelled(let event): return try EventCodec.encode(event, metadata: metadata)
        case .interventionClosed(let event): return try EventCodec.encode(event, metadata: metadata)
        default: throw NotWaitable(type: metadata.type)
        }
    }

    /// An event type that never waits for a ticket was asked to (a programming error).
    struct NotWaitable: Error, CustomStringConvertible {
        /// The CloudEvents type that was asked to wait.
        let type: String
        /// The programming error, as the log shows it.
        var description: String { "\(type) does not wait for a ticket" }
    }
}

extension NotificationStore {
    /// What the outbox page shows about the events waiting for their ticket.
    struct TicketWaits: Sendable {
        /// The oldest waiting events (at most the limit asked for).
        var oldest: [AwaitingTicketRecord]
        /// How many events wait in all.
        var count: Int
    }

    /// The oldest `limit` events waiting for their ticket, and how many there are.
    func ticketWaits(limit: Int) async throws -> TicketWaits {
        try await database.read { db in
            TicketWaits(
                oldest: try AwaitingTicketRecord.order(AwaitingTicketRecord.Columns.sequence).limit(limit).fetchAll(db),
                count: try AwaitingTicketRecord.fetchCount(db))
        }
    }

    /// Marks as reported, and returns, the events received before `date` whose ticket is still
    /// unknown and that were not reported yet.
    func reportOverdueTicketWaits(receivedBefore date: Date, at now: Date) async throws -> [AwaitingTicketRecord] {
        try await database.write { db in
            let overdue =
                try AwaitingTicketRecord
                .filter(
                    AwaitingTicketRecord.Columns.receivedAt < date && AwaitingTicketRecord.Columns.reportedAt == nil
                )
                .order(AwaitingTicketRecord.Columns.sequence).fetchAll(db)
            for var wait in overdue {
                wait.reportedAt = now
                try wait.update(db)
            }
            return overdue
        }
    }
}
