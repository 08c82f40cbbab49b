import AriannaProtocol
import Foundation
import GRDB
import ServiceKit
import WebReportDomain

/// What the technician's pages read: the to-do list's appointments and deadlines with the
/// ticket, customer and activity type of each, and one appointment with its history.
extension WebReportStore {
    /// An open appointment with what the list shows about it.
    struct AppointmentLine: Sendable {
        /// The appointment as the planner sent it.
        var item: TodoItemRecord
        /// Its ticket from intake's events, when web-report has seen it.
        var ticket: TicketInfoRecord?
        /// The ticket's activity type (colour, layout, articles), when known.
        var type: ActivityTypeInfoRecord?
        /// The customer (phone, sites), when known.
        var customer: CustomerInfoRecord?
    }

    /// An open deadline with its activity type and customer.
    struct DeadlineLine: Sendable {
        /// The ticket whose due date makes the deadline.
        var ticket: TicketInfoRecord
        /// Its activity type, when known.
        var type: ActivityTypeInfoRecord?
        /// Its customer, when known.
        var customer: CustomerInfoRecord?
    }

    /// One appointment's page: the line, its history, its report and earlier reports at the site.
    struct AppointmentDetail: Sendable {
        /// The appointment with its ticket, type and customer.
        var line: AppointmentLine
        /// The ticket's history as web-report has seen it, oldest first.
        var history: [TicketHistoryRecord]
        /// The filed report; nil while the appointment is open or when it was cancelled.
        var report: ReportView?
        /// Reports of other appointments for the same customer and site zone, latest first.
        var earlier: [(item: TodoItemRecord, report: InterventionReportRecord)]
        /// Billing's catalogue, to propose and name materials.
        var catalogue: ArticleCatalogue
        /// The intervention's photos, oldest first.
        var photoIDs: [String]
        /// The ticket's production orders' components (R5), proposed with the type's articles.
        var billOfMaterials: [MaterialLine]
    }

    /// Open appointments starting before `until` of `operatorID` (everyone's when nil: the back
    /// office without an operator of its own), and its open deadlines that are overdue at `now`
    /// or due from `firstDay` to `until` — overdue ones whatever range is shown, so nothing late
    /// hides behind a later week. Five queries however long the list is: the rows, then the
    /// tickets, activity types and customers they name, each read once.
    func agenda(operatorID: String?, from firstDay: Date, until: Date, now: Date) async throws
        -> (appointments: [AppointmentLine], deadlines: [DeadlineLine])
    {
        try await database.read { db in
            var items =
                TodoItemRecord
                .filter(TodoItemRecord.Columns.status == TodoItemRecord.Status.open.rawValue)
                .filter(TodoItemRecord.Columns.start < until)
            if let operatorID { items = items.filter(TodoItemRecord.Columns.operatorID == operatorID) }
            let appointments = try items.order(TodoItemRecord.Columns.start, TodoItemRecord.Columns.appointmentID)
                .fetchAll(db)
            let dueAt = TicketInfoRecord.Columns.dueAt
            var deadlines =
                TicketInfoRecord
                .filter(TicketInfoRecord.Columns.state == TicketInfoRecord.State.open.rawValue)
                .filter(dueAt != nil && (dueAt < now || (dueAt >= firstDay && dueAt < until)))
            deadlines =
                operatorID.map { deadlines.filter(TicketInfoRecord.Columns.operatorInChargeID == $0) }
                ?? deadlines.filter(TicketInfoRecord.Columns.operatorInChargeID != nil)
            let deadlineTickets = try deadlines.order(dueAt, TicketInfoRecord.Columns.ticketID).fetchAll(db)
            let known = try ReadModels.load(for: appointments, deadlines: deadlineTickets, in: db)
            return (appointments.map(known.line), deadlineTickets.map(known.deadline))
        }
    }

    /// One appointment's page, if the caller may see it.
    func appointment(_ appointmentID: String, access: AppointmentAccess) async throws -> AppointmentDetail {
        try await database.read { db in
            guard let item = try TodoItemRecord.fetchOne(db, key: appointmentID) else {
                throw WebReportError.appointmentNotFound(appointmentID)
            }
            try access.checkAppointment(of: item.operatorID)
            let line = try Self.line(for: item, in: db)
            let history =
                try item.ticketID.map { ticketID in
                    try TicketHistoryRecord.filter(TicketHistoryRecord.Columns.ticketID == ticketID)
                        .order(TicketHistoryRecord.Columns.at, TicketHistoryRecord.Columns.id).fetchAll(db)
                } ?? []
            let report =
                try InterventionReportRecord
                .filter(InterventionReportRecord.Columns.appointmentID == appointmentID).fetchOne(db)
                .map { try ReportView.load($0, in: db) }
            var earlier: [(item: TodoItemRecord, report: InterventionReportRecord)] = []
            if let customerID = item.customerID {
                // Raw: a three-table join with a null-safe `IS` on the zone, newest ten first.
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT r.id AS reportID, t.appointmentID AS appointmentID
                        FROM interventionReport r JOIN todoItem t ON t.appointmentID = r.appointmentID
                        LEFT JOIN ticketInfo k ON k.ticketID = t.ticketID
                        WHERE t.customerID = ? AND t.appointmentID <> ?
                          AND (k.siteZone IS ? OR ? IS NULL)
                        ORDER BY r.closedAt DESC LIMIT 10
                        """, arguments: [customerID, appointmentID, line.ticket?.siteZone, line.ticket?.siteZone])
                for row in rows {
                    let reportID: String = row["reportID"]
                    let otherID: String = row["appointmentID"]
                    if let other = try TodoItemRecord.fetchOne(db, key: otherID),
                        let record = try InterventionReportRecord.fetchOne(db, key: reportID)
                    {
                        earlier.append((other, record))
                    }
                }
            }
            return AppointmentDetail(
                line: line, history: history, report: report, earlier: earlier, catalogue: try Self.catalogue(in: db),
                photoIDs: try Self.photoIDs(ofAppointment: appointmentID, in: db),
                billOfMaterials: try item.ticketID.map { try Self.billOfMaterials(ofTicket: $0, in: db) } ?? [])
        }
    }

    /// The operators that have appointments, by name: what the back office picks a list from.
    func knownOperators() async throws -> [(id: String, name: String)] {
        try await database.read { db in
            // Raw: an aggregate (one name per operator).
            try Row.fetchAll(
                db,
                sql: """
                    SELECT operatorID, MAX(operatorName) AS name FROM todoItem GROUP BY operatorID ORDER BY name, operatorID
                    """
            ).map { (id: $0["operatorID"], name: $0["name"]) }
        }
    }

    /// An appointment with its ticket, activity type and customer, as far as web-report knows them.
    static func line(for item: TodoItemRecord, in db: Database) throws -> AppointmentLine {
        let ticket = try item.ticketID.flatMap { try TicketInfoRecord.fetchOne(db, key: $0) }
        let type = try ticket.flatMap { try ActivityTypeInfoRecord.fetchOne(db, key: $0.activityTypeID) }
        let customer = try (item.customerID ?? ticket?.customerID).flatMap {
            try CustomerInfoRecord.fetchOne(db, key: $0)
        }
        return AppointmentLine(item: item, ticket: ticket, type: type, customer: customer)
    }
}
