import AriannaProtocol
import Foundation
import GRDB
import ServiceKit
import WebReportDomain

/// Web-report's store. The to-do list follows the planner's appointment events and the read
/// models follow intake's and billing's (static functions run inside the consumer's
/// transaction); filing a report is one transaction that checks the appointment, stores the
/// report, ticks the to-do line and appends `intervention.closed.v1`, so a refused or failed
/// report leaves nothing behind.
struct WebReportStore: Sendable {
    /// Web-report's SQLite store.
    let database: ServiceDatabase
    /// Where filing appends the events it publishes, in its own transaction.
    let outbox: OutboxWriter
    /// "Now", for the filing time and the feed's window; fixed in tests.
    let clock: ServiceClock
    /// Ids of new reports and photos.
    let ids: IDGenerator
    /// The company's zone, for the dates in refusal messages.
    let timeZone: TimeZone
    /// Web-report's address as people reach it (the navigation bar's), for the report links
    /// events carry; nil when unknown.
    let publicBaseURL: String?

    /// The store of a running service, with the address from `ServiceOptions` (`ARIANNA_WEBREPORT_URL`).
    init(context: ServiceContext) {
        self.init(
            database: context.database, outbox: context.outbox, clock: context.clock, ids: context.ids,
            timeZone: context.configuration.timeZone,
            publicBaseURL: context.configuration.serviceURLs[context.configuration.serviceName])
    }

    /// A store built from its parts (tests and benchmarks).
    init(
        database: ServiceDatabase, outbox: OutboxWriter, clock: ServiceClock, ids: IDGenerator, timeZone: TimeZone,
        publicBaseURL: String? = nil
    ) {
        self.database = database
        self.outbox = outbox
        self.clock = clock
        self.ids = ids
        self.timeZone = timeZone
        self.publicBaseURL = publicBaseURL
    }

    // MARK: - Inside the event's transaction

    /// Puts a scheduled appointment on its operator's to-do list. Scheduling an appointment that
    /// was cancelled puts it back; one already reported stays done.
    static func schedule(_ appointment: AppointmentScheduled, at now: Date, in db: Database) throws {
        let existing = try TodoItemRecord.fetchOne(db, key: appointment.appointmentID)
        let status: TodoItemRecord.Status = existing?.status == .done ? .done : .open
        try TodoItemRecord(
            appointmentID: appointment.appointmentID, ticketID: appointment.ticketID,
            ticketNumber: appointment.ticketNumber, operatorID: appointment.operatorID,
            operatorName: appointment.operatorName, title: appointment.title,
            customerID: appointment.customer?.id, customerName: appointment.customer?.name,
            start: appointment.start, end: appointment.end, status: status, updatedAt: now
        ).save(db)
        try note(appointment.ticketID, .scheduled, appointment.operatorName, at: now, in: db)
    }

    /// Moves a to-do line to its new operator and time. A move of an appointment never seen
    /// scheduled (e.g. web-report started after it was) creates the line from the move, which
    /// carries everything needed.
    static func move(_ appointment: AppointmentMoved, at now: Date, in db: Database) throws {
        let existing = try TodoItemRecord.fetchOne(db, key: appointment.appointmentID)
        try TodoItemRecord(
            appointmentID: appointment.appointmentID, ticketID: appointment.ticketID,
            ticketNumber: appointment.ticketNumber, operatorID: appointment.operatorID,
            operatorName: appointment.operatorName, title: appointment.title,
            customerID: appointment.customer?.id, customerName: appointment.customer?.name,
            start: appointment.start, end: appointment.end, status: existing?.status ?? .open, updatedAt: now
        ).save(db)
        try note(appointment.ticketID, .moved, appointment.operatorName, at: now, in: db)
    }

    /// Takes a cancelled appointment off the to-do list. Returns `false` when web-report never
    /// saw the appointment, or it was already reported (a report stands; the planner's
    /// cancellation came too late to undo work already done).
    @discardableResult
    static func cancel(_ appointment: AppointmentCancelled, at now: Date, in db: Database) throws -> Bool {
        try note(appointment.ticketID, .appointmentCancelled, appointment.reason, at: now, in: db)
        guard var item = try TodoItemRecord.fetchOne(db, key: appointment.appointmentID), item.status == .open else {
            return false
        }
        item.status = .cancelled
        item.updatedAt = now
        try item.update(db)
        return true
    }

    // MARK: - API

    /// Adds a line to a ticket's history, when the event has a ticket.
    static func note(
        _ ticketID: String?, _ kind: TicketHistoryRecord.Kind, _ detail: String, at now: Date, in db: Database
    ) throws {
        guard let ticketID else { return }
        var line = TicketHistoryRecord(id: nil, ticketID: ticketID, at: now, kind: kind, detail: detail)
        try line.insert(db)
    }

    /// One page of an operator's open appointments, earliest first (keyset on the indexed
    /// `(operatorID, status, start)` order, the id breaking ties), if the caller may see that list.
    /// - Throws: ``PageRequestError/badCursor`` for a cursor that is not one of this list's.
    func todo(operatorID: String, page: PageRequest, access: AppointmentAccess) async throws -> Page<TodoItemView> {
        try access.checkList(of: operatorID)
        let after = try page.cursor.map { cursor throws(PageRequestError) in
            guard cursor.values.count == 2, let start = cursor.date(at: 0) else { throw .badCursor }
            return (start: start, id: cursor.values[1])
        }
        let rows = try await database.read { db in
            // Raw: keyset pagination with a row value, on the index `todoItem_operator`.
            var arguments: StatementArguments = [operatorID]
            var sql = "SELECT * FROM todoItem WHERE operatorID = ? AND status = 'open'"
            if let after {
                sql += " AND (start, appointmentID) > (?, ?)"
                arguments += [after.start, after.id]
            }
            arguments += [page.fetchLimit]
            // Raw SQL stays: the keyset page with a row value built above.
            return try TodoItemRecord.fetchAll(
                db, sql: sql + " ORDER BY start, appointmentID LIMIT ?", arguments: arguments)
        }
        return Page(fetched: rows.map(TodoItemView.init), request: page) {
            PageCursor([APIJSON.format($0.start), $0.appointmentID])
        }
    }

    /// One page of the open deadlines in `operatorID`'s charge, earliest due first, however far
    /// away (keyset on the indexed `(operatorInChargeID, state, dueAt)` order, the ticket id
    /// breaking ties): the JSON twin of the to-do page's deadlines. A technician reads only their own.
    /// - Throws: ``PageRequestError/badCursor`` for a cursor that is not one of this list's.
    func deadlines(operatorID: String, page: PageRequest, access: AppointmentAccess) async throws -> Page<DeadlineView>
    {
        try access.checkList(of: operatorID)
        let after = try page.cursor.map { cursor throws(PageRequestError) in
            guard cursor.values.count == 2, let dueAt = cursor.date(at: 0) else { throw .badCursor }
            return (dueAt: dueAt, id: cursor.values[1])
        }
        let rows = try await database.read { db in
            // Raw: keyset pagination with a row value, on the index `ticketInfo_deadlines`.
            var arguments: StatementArguments = [operatorID]
            var sql = "SELECT * FROM ticketInfo WHERE operatorInChargeID = ? AND state = 'open' AND dueAt IS NOT NULL"
            if let after {
                sql += " AND (dueAt, ticketID) > (?, ?)"
                arguments += [after.dueAt, after.id]
            }
            arguments += [page.fetchLimit]
            // Raw SQL stays: the keyset page with a row value built above.
            return try TicketInfoRecord.fetchAll(
                db, sql: sql + " ORDER BY dueAt, ticketID LIMIT ?", arguments: arguments)
        }
        return Page(fetched: rows.compactMap(DeadlineView.init), request: page) {
            PageCursor([APIJSON.format($0.dueAt), $0.ticketID])
        }
    }
}
