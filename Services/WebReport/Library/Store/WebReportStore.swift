import Foundation
import GRDB
import ServiceKit
import AriannaProtocol

/// Web-report's store. The to-do list follows the planner's appointment events (static
/// functions run inside the consumer's transaction); filing a report is one transaction that
/// checks the appointment, stores the report, ticks the to-do line and appends
/// `intervention.closed.v1`, so a refused or failed report leaves nothing behind.
struct WebReportStore: Sendable {
    let database: ServiceDatabase
    let outbox: OutboxWriter
    let clock: ServiceClock
    let ids: IDGenerator
    /// The company's zone, for the dates in refusal messages.
    let timeZone: TimeZone

    init(context: ServiceContext) {
        self.init(
            database: context.database, outbox: context.outbox, clock: context.clock, ids: context.ids,
            timeZone: context.configuration.timeZone)
    }

    init(database: ServiceDatabase, outbox: OutboxWriter, clock: ServiceClock, ids: IDGenerator, timeZone: TimeZone) {
        self.database = database
        self.outbox = outbox
        self.clock = clock
        self.ids = ids
        self.timeZone = timeZone
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
    }

    /// Takes a cancelled appointment off the to-do list. Returns `false` when web-report never
    /// saw the appointment, or it was already reported (a report stands; the planner's
    /// cancellation came too late to undo work already done).
    @discardableResult
    static func cancel(_ appointment: AppointmentCancelled, at now: Date, in db: Database) throws -> Bool {
        guard var item = try TodoItemRecord.fetchOne(db, key: appointment.appointmentID), item.status == .open else {
            return false
        }
        item.status = .cancelled
        item.updatedAt = now
        try item.update(db)
        return true
    }

    // MARK: - API

    /// An operator's open appointments, earliest first.
    func todo(operatorID: String) async throws -> [TodoItemView] {
        try await database.read { db in
            try TodoItemRecord
                .filter(TodoItemRecord.Columns.operatorID == operatorID)
                .filter(TodoItemRecord.Columns.status == TodoItemRecord.Status.open.rawValue)
                .order(TodoItemRecord.Columns.start, Column("appointmentID"))
                .fetchAll(db)
                .map(TodoItemView.init)
        }
    }

    /// Files the report of an appointment and publishes `intervention.closed.v1`, all in one
    /// transaction; throws ``WebReportError`` (and writes nothing) when the draft is invalid,
    /// the appointment unknown or cancelled, or a report was already filed.
    func fileReport(_ draft: ReportDraft, forAppointment appointmentID: String) async throws -> ReportView {
        let problems = draft.problems()
        guard problems.isEmpty else { throw WebReportError.invalidReport(problems) }
        let now = clock.now()
        let reportID = ids.next()
        let local = LocalTimeFormat(timeZone: timeZone)
        return try await database.write { [outbox] db in
            guard var item = try TodoItemRecord.fetchOne(db, key: appointmentID) else {
                throw WebReportError.appointmentNotFound(appointmentID)
            }
            if let earlier = try InterventionReportRecord
                .filter(InterventionReportRecord.Columns.appointmentID == appointmentID)
                .fetchOne(db)
            {
                throw WebReportError.alreadyClosed(date: local.date(earlier.closedAt), time: local.time(earlier.closedAt))
            }
            guard item.status != .cancelled else { throw WebReportError.appointmentCancelled(appointmentID) }

            let report = InterventionReportRecord(
                id: reportID, appointmentID: appointmentID, ticketID: item.ticketID, operatorID: item.operatorID,
                workDone: draft.workDone.trimmed, workedMinutes: draft.workedMinutes, closedAt: now)
            try report.insert(db)
            let materials = draft.materials.enumerated().map { index, material in
                ReportMaterialRecord(
                    reportID: reportID, position: index + 1, articleCode: material.articleCode.trimmed,
                    description: material.description.trimmed, quantity: material.quantity)
            }
            for material in materials { try material.insert(db) }
            item.status = .done
            item.updatedAt = now
            try item.update(db)

            try outbox.append(
                InterventionClosed(
                    reportID: report.id, appointmentID: appointmentID, ticketID: report.ticketID,
                    operatorID: report.operatorID, workDone: report.workDone, workedMinutes: report.workedMinutes,
                    materials: materials.map {
                        MaterialLine(articleCode: $0.articleCode, description: $0.description, quantity: $0.quantity)
                    },
                    closedAt: now),
                correlationID: report.ticketID ?? report.id, in: db)
            return ReportView(report, materials: materials)
        }
    }

    /// One report with its materials.
    func report(id: String) async throws -> ReportView {
        try await database.read { db in
            guard let view = try ReportView.load(id, in: db) else { throw WebReportError.reportNotFound(id) }
            return view
        }
    }
}
