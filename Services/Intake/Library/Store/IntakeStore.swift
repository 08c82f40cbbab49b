public import AriannaProtocol
import Foundation
import GRDB
public import IntakeDomain
public import ServiceKit

/// Intake's store: every write is one transaction that changes the state and appends the
/// events it publishes to the outbox.
public struct IntakeStore: Sendable {
    /// Intake's SQLite store.
    let database: ServiceDatabase
    /// Where the events of each write are appended, in its transaction.
    let outbox: OutboxWriter
    /// The time writes are stamped with (a fixed clock in tests).
    let clock: ServiceClock
    /// Ids of new tickets, customers and follow-ups.
    let ids: IDGenerator
    /// The company's back-office group and time zone.
    let settings: IntakeSettings

    /// The store of a running service, on its database, outbox, clock, ids and settings.
    public init(context: ServiceContext) {
        self.database = context.database
        self.outbox = context.outbox
        self.clock = context.clock
        self.ids = context.ids
        self.settings = IntakeSettings(context: context)
    }

    /// Opens a ticket: validates it, finds or creates the customer, takes the next number of
    /// its type's sequence and publishes `ticket.opened.v1`, all in one transaction. A request
    /// carrying an idempotency key already seen returns the ticket it opened, with `created` false.
    public func openTicket(
        _ request: NewTicket, channel: IntakeChannel, correlationID: String? = nil, createdBy userID: String? = nil
    ) async throws -> (ticket: TicketView, created: Bool) {
        let now = clock.now()
        let ids = self.ids
        let settings = self.settings
        return try await database.write { [outbox] db in
            try Self.open(
                request, channel: channel, at: now, ids: ids, outbox: outbox,
                correlationID: correlationID, settings: settings, createdBy: userID, in: db)
        }
    }

    /// The next number of a sequence for the year of `date` in the company's time zone, padded as
    /// the sequence says: the shared gapless counter (`ServiceKit`'s ``NumberingSequence``).
    static func nextNumber(prefix: String, at date: Date, timeZone: TimeZone, in db: Database) throws -> TicketNumber {
        // Raw SQL stays: measured hot (every ticket opened), so the statement is cached per connection.
        let paddingQuery = try db.cachedStatement(sql: "SELECT padding FROM sequenceDefinition WHERE prefix = ?")
        let padding = try Int.fetchOne(paddingQuery, arguments: [prefix]) ?? TicketNumber.defaultPadding
        return try NumberingSequence.next(prefix: prefix, at: date, timeZone: timeZone, padding: padding, in: db)
    }

    /// Tickets matching `search`, newest first, read in a constant number of queries.
    public func tickets(matching search: TicketSearch) async throws -> [TicketView] {
        try await database.read { db in
            try TicketView.makeAll(try search.records(in: db), in: db)
        }
    }

    /// One page of the tickets matching `search` (its limit and position are the page's), newest
    /// first; the cursor is the last row's `(openedAt, id)`, or its list key when the search
    /// reads the full-text index in its own order.
    /// - Throws: ``PageRequestError/badCursor`` for a cursor that is not this list's.
    public func ticketPage(matching search: TicketSearch, page: PageRequest) async throws -> Page<TicketView> {
        var search = search
        search.limit = page.fetchLimit
        let indexOrder = search.readsInIndexOrder
        if let cursor = page.cursor {
            if indexOrder {
                guard cursor.values.count == 1, let key = Int64(cursor.values[0]) else {
                    throw PageRequestError.badCursor
                }
                search.afterKey = key
            } else {
                search.after = try TicketListPosition(cursor)
            }
        }
        let query = search
        let (views, keys) = try await database.read { db in
            let rows = try query.rows(in: db)
            return (try TicketView.makeAll(rows.map(\.ticket), in: db), rows.map(\.listKey))
        }
        let keyOf = Dictionary(zip(views.map(\.id), keys), uniquingKeysWith: { first, _ in first })
        return Page(fetched: views, request: page) { view in
            indexOrder ? PageCursor([String(keyOf[view.id] ?? 0)]) : TicketListPosition(after: view).cursor
        }
    }

    /// Tickets, newest first, optionally only those in one state.
    public func tickets(state: TicketRecord.State? = nil, limit: Int = 500) async throws -> [TicketView] {
        try await tickets(matching: TicketSearch(state: state?.rawValue, limit: limit))
    }

    /// The ticket with this id, or `IntakeError.ticketNotFound`.
    public func ticket(id: String) async throws -> TicketView {
        try await database.read { db in try TicketView.load(id, in: db) }
    }

    /// What happened to a ticket, oldest first.
    public func history(ofTicket id: String) async throws -> [TicketHistoryEntry] {
        try await database.read { db in
            guard try TicketRecord.exists(db, key: id) else { throw IntakeError.ticketNotFound(id) }
            return try TicketHistoryEntry.filter(TicketHistoryEntry.Columns.ticketID == id)
                .order(TicketHistoryEntry.Columns.sequence).fetchAll(db)
        }
    }

    /// One page of a ticket's history, oldest first (keyset on the line's sequence).
    /// - Throws: ``IntakeError/ticketNotFound(_:)``; ``PageRequestError/badCursor``.
    public func historyPage(ofTicket id: String, page: PageRequest) async throws -> Page<TicketHistoryEntry> {
        var position = 0
        if let cursor = page.cursor {
            guard cursor.values.count == 1, let sequence = cursor.integer(at: 0) else {
                throw PageRequestError.badCursor
            }
            position = sequence
        }
        let after = position
        let rows = try await database.read { db in
            guard try TicketRecord.exists(db, key: id) else { throw IntakeError.ticketNotFound(id) }
            // Raw SQL stays: a keyset page on the line's sequence, read beside the entry for the cursor.
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT sequence, occurredAt, eventType, summary FROM ticketHistory
                    WHERE ticketID = ? AND sequence > ? ORDER BY sequence LIMIT ?
                    """, arguments: [id, after, page.fetchLimit]
            ).map { row -> (Int, TicketHistoryEntry) in
                (
                    row["sequence"],
                    TicketHistoryEntry(
                        occurredAt: row["occurredAt"], eventType: row["eventType"], summary: row["summary"])
                )
            }
        }
        let kept = Array(rows.prefix(page.limit))
        return Page(
            items: kept.map(\.1),
            nextCursor: rows.count > page.limit ? kept.last.map { PageCursor([String($0.0)]) } : nil)
    }

    /// Every activity type, active or not, by code.
    public func activityTypes() async throws -> [ActivityTypeRecord] {
        try await database.read { db in try ActivityTypeRecord.order(Column("code")).fetchAll(db) }
    }

    /// Every operator, active or not, by name.
    public func operators() async throws -> [OperatorRecord] {
        try await database.read { db in try OperatorRecord.order(Column("name")).fetchAll(db) }
    }
}
