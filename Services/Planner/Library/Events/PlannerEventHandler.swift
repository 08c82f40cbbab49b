import AriannaProtocol
import Foundation
import GRDB
import ServiceKit

/// The planner's read side: tickets that need an appointment fill the unscheduled queue
/// (a deadline with `needsAppointment: false` does not), a cancelled ticket takes its
/// appointment and queue entry away, setup snapshots keep the operators and activity types
/// current, and an intervention that needs another visit puts its ticket back in the queue with
/// the technician's note.
struct PlannerEventHandler: EventHandler {
    /// When a ticket reached the queue (`queuedAt`) and a new operator's defaults were written.
    let clock: ServiceClock
    /// For the `appointment.cancelled.v1` a cancelled ticket causes.
    let outbox: OutboxWriter

    /// The events the planner applies; the others on its topics are skipped.
    func handles(_ event: ReceivedEvent) -> Bool {
        switch event.event {
        case .ticketOpened, .ticketClosed, .ticketCancelled, .ticketEdited, .ticketStateChanged, .operatorSnapshot,
            .activityTypeSnapshot, .activityStateSnapshot, .practiceSnapshot, .interventionClosed:
            return true
        default: return false
        }
    }

    /// Applies one event inside the inbox transaction: one store method or one snapshot record per event.
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
            try PlannerStore.closeQueueEntry(ticketID: ticket.ticketID, in: db)
        case .ticketCancelled(let ticket):
            try PlannerStore.withdraw(
                ticket, at: clock.now(), outbox: outbox, correlationID: event.metadata.correlationid, in: db)
        case .ticketStateChanged(let change):
            // Colours by state (R3) follow the ticket's state.
            try PlannerStore.setActivityState(change.stateID, ofTicket: change.ticketID, in: db)
        case .practiceSnapshot(let snapshot):
            // The queue's practice filter shows the practice's name.
            try PracticeRecord(
                id: snapshot.practiceID, code: snapshot.code, name: snapshot.name, active: snapshot.active
            )
            .upsert(db)
        case .activityStateSnapshot(let snapshot):
            try ActivityStateRecord(
                id: snapshot.stateID, code: snapshot.code, name: snapshot.name, colour: snapshot.colour,
                isFinal: snapshot.isFinal, position: snapshot.position, active: snapshot.active
            ).upsert(db)
        case .ticketEdited(let ticket):
            try PlannerStore.refreshQueuedCall(
                ticketID: ticket.ticketID, description: ticket.description, siteZone: ticket.siteZone,
                dueAt: ticket.dueAt, in: db)
        case .interventionClosed(let intervention):
            try PlannerStore.markReported(appointmentID: intervention.appointmentID, at: intervention.closedAt, in: db)
            guard intervention.effectiveOutcome == .anotherVisitNeeded, let ticketID = intervention.ticketID else {
                break
            }
            try PlannerStore.requeueForAnotherVisit(ticketID: ticketID, note: intervention.visitNote, in: db)
        case .operatorSnapshot(let snapshot):
            if try !OperatorRecord.exists(db, key: snapshot.operatorID) {
                try PlannerStore.giveDefaultAvailability(to: snapshot.operatorID, now: clock.now(), in: db)
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
}
