import Foundation
import GRDB
import ServiceKit
import AriannaProtocol

/// The planner's read side: tickets that need an appointment fill the unscheduled queue
/// (a deadline with `needsAppointment: false` does not), a cancelled ticket takes its
/// appointment and queue entry away, setup snapshots keep the operators and activity types
/// current, and an intervention that needs another visit puts its ticket back in the queue with
/// the technician's note.
struct PlannerEventHandler: EventHandler {
    let clock: ServiceClock
    /// For the `appointment.cancelled.v1` a cancelled ticket causes.
    let outbox: OutboxWriter

    func handles(_ event: ReceivedEvent) -> Bool {
        switch event.event {
        case .ticketOpened, .ticketClosed, .ticketCancelled, .ticketEdited, .ticketStateChanged, .operatorSnapshot,
             .activityTypeSnapshot, .activityStateSnapshot, .practiceSnapshot, .interventionClosed:
            return true
        default: return false
        }
    }

    func handle(_ event: ReceivedEvent, in db: Database) throws {
        switch event.event {
        case .ticketOpened(let ticket):
            // Deadlines that need no visit stay off the queue; the to-do lists show them (R15).
            guard ticket.wantsAppointment else { return }
            // The primary key makes a second copy impossible even if the inbox were bypassed.
            let entry = QueueEntry(
                ticketID: ticket.ticketID, number: ticket.number, activityTypeID: ticket.activityType.id,
                activityTypeName: ticket.activityType.name,
                expectedDurationMinutes: ticket.activityType.expectedDurationMinutes,
                customerID: ticket.customer.id, customerName: ticket.customer.name,
                customerEmail: ticket.customer.email, siteZone: ticket.siteZone, description: ticket.description,
                openedAt: ticket.openedAt, queuedAt: clock.now(), state: .unscheduled, dueAt: ticket.dueAt)
            try entry.insert(db, onConflict: .ignore)
        case .ticketClosed(let ticket):
            try db.execute(
                sql: "UPDATE queueEntry SET state = 'closed' WHERE ticketID = ?", arguments: [ticket.ticketID])
        case .ticketCancelled(let ticket):
            try PlannerStore.withdraw(
                ticket, at: clock.now(), outbox: outbox, correlationID: event.metadata.correlationid, in: db)
        case .ticketStateChanged(let change):
            // Colours by state (R3) follow the ticket's state.
            try db.execute(
                sql: "UPDATE queueEntry SET stateID = ? WHERE ticketID = ?", arguments: [change.stateID, change.ticketID])
        case .practiceSnapshot(let snapshot):
            // The queue's practice filter shows the practice's name.
            try PracticeRecord(id: snapshot.practiceID, code: snapshot.code, name: snapshot.name, active: snapshot.active)
                .upsert(db)
        case .activityStateSnapshot(let snapshot):
            try ActivityStateRecord(
                id: snapshot.stateID, code: snapshot.code, name: snapshot.name, colour: snapshot.colour,
                isFinal: snapshot.isFinal, position: snapshot.position, active: snapshot.active
            ).upsert(db)
        case .ticketEdited(let ticket):
            // The queue shows what the back office wrote last, and orders by the new due date.
            try db.execute(
                sql: "UPDATE queueEntry SET description = ?, siteZone = ?, dueAt = ? WHERE ticketID = ?",
                arguments: [ticket.description, ticket.siteZone, ticket.dueAt, ticket.ticketID])
        case .interventionClosed(let intervention):
            // The reported appointment stays on the board but no longer counts as the ticket's open one.
            try db.execute(
                sql: "UPDATE appointment SET reportedAt = ? WHERE id = ? AND reportedAt IS NULL",
                arguments: [intervention.closedAt, intervention.appointmentID])
            guard intervention.effectiveOutcome == .anotherVisitNeeded, let ticketID = intervention.ticketID else { break }
            try db.execute(
                sql: "UPDATE queueEntry SET state = 'unscheduled', visitNote = ? WHERE ticketID = ? AND state <> 'closed'",
                arguments: [intervention.visitNote, ticketID])
        case .operatorSnapshot(let snapshot):
            if try !OperatorRecord.exists(db, key: snapshot.operatorID) {
                try Self.giveDefaultAvailability(to: snapshot.operatorID, now: clock.now(), in: db)
            }
            try OperatorRecord(
                id: snapshot.operatorID, name: snapshot.name, email: snapshot.email, groups: snapshot.groups,
                active: snapshot.active
            ).upsert(db)
        case .activityTypeSnapshot(let snapshot):
            try ActivityTypeRecord(
                id: snapshot.activityTypeID, code: snapshot.code, name: snapshot.name, macroType: snapshot.macroType,
                expectedDurationMinutes: snapshot.expectedDurationMinutes, billable: snapshot.billable,
                colour: snapshot.colour, active: snapshot.active, practiceID: snapshot.practiceID
            ).upsert(db)
        default:
            break
        }
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
                try WorkingHoursRecord(operatorID: operatorID, weekday: weekday, start: interval.start, end: interval.end)
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
