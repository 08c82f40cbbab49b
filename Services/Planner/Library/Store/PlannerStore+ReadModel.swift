import Foundation
import GRDB
import PlannerDomain

/// What other services' events change in the planner's copy of a ticket: one method per event,
/// each run by `PlannerEventHandler` inside the consumer's transaction, so it is applied once with
/// the inbox row that records the event.
extension PlannerStore {
    /// `ticket.closed.v1`, and a cancelled ticket: the call leaves the queue for good.
    static func closeQueueEntry(ticketID: String, in db: Database) throws {
        try QueueEntry.filter(key: ticketID)
            .updateAll(db, QueueEntry.Columns.state.set(to: QueueEntry.State.closed.rawValue))
    }

    /// `ticket.state-changed.v1`: the call's activity state (R3), which colours it by state.
    static func setActivityState(_ stateID: String?, ofTicket ticketID: String, in db: Database) throws {
        try QueueEntry.filter(key: ticketID).updateAll(db, QueueEntry.Columns.stateID.set(to: stateID))
    }

    /// `ticket.edited.v1`: the queue shows what the back office wrote last, and orders the call
    /// by its new due date.
    static func refreshQueuedCall(
        ticketID: String, description: String, siteZone: String?, dueAt: Date?, in db: Database
    ) throws {
        try QueueEntry.filter(key: ticketID).updateAll(
            db,
            QueueEntry.Columns.description.set(to: description),
            QueueEntry.Columns.siteZone.set(to: siteZone),
            QueueEntry.Columns.dueAt.set(to: dueAt))
    }

    /// `intervention.closed.v1`: the reported appointment stays on the board but no longer counts
    /// as its ticket's open one. The first report's time is kept.
    static func markReported(appointmentID: String, at closedAt: Date, in db: Database) throws {
        try AppointmentRecord.filter(key: appointmentID)
            .filter(AppointmentRecord.Columns.reportedAt == nil)
            .updateAll(db, AppointmentRecord.Columns.reportedAt.set(to: closedAt))
    }

    /// `intervention.closed.v1` asking for another visit (R18): the call waits in the queue again
    /// with the technician's note, unless the ticket was closed meanwhile.
    static func requeueForAnotherVisit(ticketID: String, note: String?, in db: Database) throws {
        try QueueEntry.filter(key: ticketID)
            .filter(QueueEntry.Columns.state != QueueEntry.State.closed.rawValue)
            .updateAll(
                db,
                QueueEntry.Columns.state.set(to: QueueEntry.State.unscheduled.rawValue),
                QueueEntry.Columns.visitNote.set(to: note))
    }

    /// The zone of the default presence rule.
    static let defaultZone = "default"
    /// Id of an operator's default presence rule; deterministic, so a replayed snapshot cannot
    /// add a second one.
    static func defaultRuleID(_ operatorID: String) -> String { "default-\(operatorID)" }

    /// A newly known operator gets the standard working week (Mon–Fri 08:00–12:00, 13:00–17:00)
    /// and a daily Mon–Fri 08:00–17:00 presence rule in zone "default", open-ended, so a fresh
    /// install can schedule as soon as presences are generated. The back office edits both later;
    /// a later snapshot of the same operator never touches them again.
    static func giveDefaultAvailability(to operatorID: String, now: Date, in db: Database) throws {
        for (weekday, intervals) in WorkingWeek.standard.days {
            for interval in intervals {
                try WorkingHoursRecord(
                    operatorID: operatorID, weekday: weekday, start: interval.start, end: interval.end
                )
                .insert(db, onConflict: .ignore)
            }
        }
        try PresenceRuleRecord(
            id: defaultRuleID(operatorID), operatorID: operatorID, zone: defaultZone, frequency: .daily,
            weekdays: [1, 2, 3, 4, 5], startTime: LocalTime(hour: 8), endTime: LocalTime(hour: 17),
            validFrom: PresenceRuleRecord.openStart, createdAt: now
        ).insert(db, onConflict: .ignore)
    }
}
