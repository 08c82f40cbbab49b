import Foundation
import GRDB
import ServiceKit
import AriannaProtocol

/// Web-report's store. The to-do list follows the planner's appointment events and the read
/// models follow intake's and billing's (static functions run inside the consumer's
/// transaction); filing a report is one transaction that checks the appointment, stores the
/// report, ticks the to-do line and appends `intervention.closed.v1`, so a refused or failed
/// report leaves nothing behind.
struct WebReportStore: Sendable {
    let database: ServiceDatabase
    let outbox: OutboxWriter
    let clock: ServiceClock
    let ids: IDGenerator
    /// The company's zone, for the dates in refusal messages.
    let timeZone: TimeZone
    /// Web-report's address as people reach it (the navigation bar's), for the report links
    /// events carry; nil when unknown.
    let publicBaseURL: String?

    init(context: ServiceContext) {
        self.init(
            database: context.database, outbox: context.outbox, clock: context.clock, ids: context.ids,
            timeZone: context.configuration.timeZone,
            publicBaseURL: PageNavigation.fromEnvironment().entries.first { $0.service == context.configuration.serviceName }?.baseURL)
    }

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
    static func note(_ ticketID: String?, _ kind: TicketHistoryRecord.Kind, _ detail: String, at now: Date, in db: Database) throws {
        guard let ticketID else { return }
        var line = TicketHistoryRecord(id: nil, ticketID: ticketID, at: now, kind: kind, detail: detail)
        try line.insert(db)
    }

    /// An operator's open appointments, earliest first, if the caller may see that list.
    func todo(operatorID: String, access: AppointmentAccess) async throws -> [TodoItemView] {
        try access.checkList(of: operatorID)
        return try await database.read { db in
            try TodoItemRecord
                .filter(TodoItemRecord.Columns.operatorID == operatorID)
                .filter(TodoItemRecord.Columns.status == TodoItemRecord.Status.open.rawValue)
                .order(TodoItemRecord.Columns.start, Column("appointmentID"))
                .fetchAll(db)
                .map(TodoItemView.init)
        }
    }

    /// Open deadlines in `operatorID`'s charge, earliest due first, however far away: the JSON
    /// twin of the to-do page's deadlines. A technician reads only their own.
    func deadlines(operatorID: String, access: AppointmentAccess) async throws -> [DeadlineView] {
        try access.checkList(of: operatorID)
        return try await database.read { db in
            try TicketInfoRecord
                .filter(TicketInfoRecord.Columns.operatorInChargeID == operatorID)
                .filter(TicketInfoRecord.Columns.state == TicketInfoRecord.State.open.rawValue)
                .filter(TicketInfoRecord.Columns.dueAt != nil)
                .order(TicketInfoRecord.Columns.dueAt, Column("ticketID"))
                .fetchAll(db)
                .compactMap(DeadlineView.init)
        }
    }
}
