import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import ServiceKit

extension IntakeStore {
    /// Activity types by id, decoded once while their row stays the same (layout and rules are JSON).
    private static let typesByID = DecodedRowCache<ActivityTypeRecord>()

    /// A closed intervention closes its ticket and publishes `ticket.closed.v1`, which carries the
    /// worked time, travel and materials so billing needs nothing else. Fires the type's on-close
    /// rules (once per intervention report) and, when the ticket closes, its on-deadline-close
    /// rules. Closing an already closed ticket changes nothing more. An intervention whose outcome
    /// is "another visit needed" leaves the ticket open and only notes the technician's words in
    /// its history (the planner puts it back in its queue).
    static func closeTicket(
        for intervention: InterventionClosed, correlationID: String?, outbox: OutboxWriter,
        ids: IDGenerator, settings: IntakeSettings = .standard, in db: Database
    ) throws {
        guard let ticketID = intervention.ticketID else { return }
        // Reads through statements compiled once per connection, the type decoded once while its
        // row stays the same: a backlog applies hundreds of these per transaction (issue 15).
        guard var ticket = try TicketRecord.cachedFetch(db, where: "id", is: ticketID) else {
            throw EventRejection(
                "intervention \(intervention.reportID) closes ticket \(ticketID), which intake does not know")
        }
        // Raw SQL stays: a cached statement on the hot path of applying a closed intervention (issue 15).
        let type = try typesByID.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM activityType WHERE id = ?"),
            arguments: [ticket.activityTypeID], key: ticket.activityTypeID)
        let customer = try CustomerRecord.cachedFetch(db, where: "id", is: ticket.customerID)
        guard let type, let customer else {
            throw EventRejection("ticket \(ticket.number) refers to a missing activity type or customer")
        }
        // The technician who did the work is in charge of what follows (the follow-up deadlines).
        // Written with the closing below in one update, or alone where the ticket stays as it is.
        let assigns =
            try ticket.assignedOperatorID == nil
            && Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM operator WHERE id = ?)"),
                arguments: [intervention.operatorID]) == true
        if assigns { ticket.assignedOperatorID = intervention.operatorID }
        if intervention.effectiveOutcome == .anotherVisitNeeded {
            if assigns { try ticket.saveAssignedOperator(in: db) }
            try recordHistory(
                ticket.id, at: intervention.closedAt, eventType: InterventionClosed.eventType,
                summary:
                    "Another visit needed (intervention report \(intervention.reportID), \(intervention.workedMinutes) minutes worked): \(intervention.visitNote ?? "")",
                in: db)
            return
        }
        try FollowUps.fire(
            .onClose, for: ticket, type: type, at: intervention.closedAt,
            eventKey: "report-\(intervention.reportID)", ids: ids, outbox: outbox, settings: settings, in: db)
        guard ticket.state == .open else {
            if assigns { try ticket.saveAssignedOperator(in: db) }
            return
        }
        ticket.state = .closed
        ticket.closedAt = intervention.closedAt
        ticket.reportID = intervention.reportID
        ticket.workedMinutes = intervention.workedMinutes
        // Raw SQL stays: a cached statement on the same hot closing path (issue 15).
        ticket.stateID =
            try String.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT id FROM activityState WHERE active AND isFinal ORDER BY position, code LIMIT 1
                        """)) ?? ticket.stateID
        try ticket.saveClosing(in: db)
        try recordHistory(
            ticket.id, at: intervention.closedAt, eventType: TicketClosed.eventType,
            summary:
                "Closed by intervention report \(intervention.reportID): \(intervention.workedMinutes) minutes worked, \(intervention.materials.count) material lines. \(intervention.workDone)",
            in: db)
        try outbox.append(
            TicketClosed(
                ticketID: ticket.id, number: ticket.number, activityType: type.reference,
                customer: customer.reference, closedAt: intervention.closedAt, reportID: intervention.reportID,
                workedMinutes: intervention.workedMinutes, materials: intervention.materials,
                travelMinutes: intervention.travelMinutes),
            correlationID: correlationID, in: db)
        try FollowUps.fire(
            .onDeadlineClose, for: ticket, type: type, at: intervention.closedAt,
            eventKey: "close", ids: ids, outbox: outbox, settings: settings, in: db)
    }

    /// Notes what the planner did with a ticket's appointment in the ticket's history.
    static func recordAppointment(_ event: AriannaEvent, at moment: Date, in db: Database) throws {
        let ticketID: String?
        let summary: String
        switch event {
        case .appointmentScheduled(let scheduled):
            ticketID = scheduled.ticketID
            summary =
                "Scheduled with \(scheduled.operatorName) from \(scheduled.start.formatted(.iso8601)) to \(scheduled.end.formatted(.iso8601))."
        case .appointmentMoved(let moved):
            ticketID = moved.ticketID
            summary =
                "Moved to \(moved.operatorName), \(moved.start.formatted(.iso8601)) to \(moved.end.formatted(.iso8601))."
        case .appointmentCancelled(let cancelled):
            ticketID = cancelled.ticketID
            summary = "Appointment cancelled: \(cancelled.reason)."
        default:
            return
        }
        // Raw SQL stays: a cached statement, run for every appointment event intake applies (issue 15).
        guard let ticketID,
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM ticket WHERE id = ?)"), arguments: [ticketID])
                == true
        else { return }
        try recordHistory(ticketID, at: moment, eventType: event.eventType, summary: summary, in: db)
    }
}
