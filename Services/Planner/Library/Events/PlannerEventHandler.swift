import GRDB
import ServiceKit
import AriannaProtocol

/// The planner's read side: tickets fill the unscheduled queue, setup snapshots keep the
/// operators and activity types current.
struct PlannerEventHandler: EventHandler {
    let clock: ServiceClock

    func handles(_ event: ReceivedEvent) -> Bool {
        switch event.event {
        case .ticketOpened, .ticketClosed, .operatorSnapshot, .activityTypeSnapshot: return true
        default: return false
        }
    }

    func handle(_ event: ReceivedEvent, in db: Database) throws {
        switch event.event {
        case .ticketOpened(let ticket):
            // The primary key makes a second copy impossible even if the inbox were bypassed.
            let entry = QueueEntry(
                ticketID: ticket.ticketID, number: ticket.number, activityTypeID: ticket.activityType.id,
                activityTypeName: ticket.activityType.name,
                expectedDurationMinutes: ticket.activityType.expectedDurationMinutes,
                customerID: ticket.customer.id, customerName: ticket.customer.name,
                customerEmail: ticket.customer.email, siteZone: ticket.siteZone, description: ticket.description,
                openedAt: ticket.openedAt, queuedAt: clock.now(), state: .unscheduled)
            try entry.insert(db, onConflict: .ignore)
        case .ticketClosed(let ticket):
            try db.execute(
                sql: "UPDATE queueEntry SET state = 'closed' WHERE ticketID = ?", arguments: [ticket.ticketID])
        case .operatorSnapshot(let snapshot):
            try OperatorRecord(
                id: snapshot.operatorID, name: snapshot.name, email: snapshot.email, groups: snapshot.groups,
                active: snapshot.active
            ).upsert(db)
        case .activityTypeSnapshot(let snapshot):
            try ActivityTypeRecord(
                id: snapshot.activityTypeID, code: snapshot.code, name: snapshot.name, macroType: snapshot.macroType,
                expectedDurationMinutes: snapshot.expectedDurationMinutes, billable: snapshot.billable,
                colour: snapshot.colour, active: snapshot.active
            ).upsert(db)
        default:
            break
        }
    }
}
