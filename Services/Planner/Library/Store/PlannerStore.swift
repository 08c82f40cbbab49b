import AriannaProtocol
public import Foundation
import GRDB
import PlannerDomain
public import ServiceKit

/// Schedule a call for an operator; `end` defaults to the call's expected duration.
public struct ScheduleRequest: Codable, Sendable {
    /// The call to schedule; nil for a direct appointment, which needs a `title`.
    public var ticketID: String?
    /// Who does the visit.
    public var operatorID: String
    /// When the visit begins.
    public var start: Date
    /// When it ends; nil: after the call's expected duration.
    public var end: Date?
    /// Required for an appointment created directly on the planner, without a ticket (R13).
    public var title: String?

    /// A request as the board's drop or a script sends it.
    public init(ticketID: String?, operatorID: String, start: Date, end: Date? = nil, title: String? = nil) {
        self.ticketID = ticketID
        self.operatorID = operatorID
        self.start = start
        self.end = end
        self.title = title
    }
}

/// Move and/or resize an appointment; a missing operator keeps the current one, a missing end
/// keeps the current length.
public struct MoveRequest: Codable, Sendable {
    /// The new operator; nil keeps the current one.
    public var operatorID: String?
    /// The new start.
    public var start: Date
    /// The new end; nil keeps the length.
    public var end: Date?
    /// A move or a resize as the board sends it.
    public init(operatorID: String? = nil, start: Date, end: Date? = nil) {
        self.operatorID = operatorID
        self.start = start
        self.end = end
    }
}

/// The planner's store. Each write checks the scheduling rules inside its own transaction, so
/// the check and the insert see the same bookings.
public struct PlannerStore: Sendable {
    /// The planner's SQLite store.
    let database: ServiceDatabase
    /// Where the `appointment.*` events are written, in the same transaction as the change.
    let outbox: OutboxWriter
    /// The time of a change (`createdAt`, `updatedAt`); tests fix it.
    let clock: ServiceClock
    /// New appointments' ids; tests make them predictable.
    let ids: IDGenerator
    /// The company's: local days and hours (working hours, holidays) are read in it.
    let timeZone: TimeZone

    /// The store of the running service (or a test's context).
    public init(context: ServiceContext) {
        self.database = context.database
        self.outbox = context.outbox
        self.clock = context.clock
        self.ids = context.ids
        self.timeZone = context.configuration.timeZone
    }

    /// Creates an appointment (from a queued call or directly) and publishes `appointment.scheduled.v1`.
    public func schedule(_ request: ScheduleRequest) async throws -> AppointmentRecord {
        let now = clock.now()
        let appointmentID = ids.next()
        return try await database.write { [outbox, timeZone] db in
            var entry: QueueEntry?
            if let ticketID = request.ticketID {
                guard let found = try QueueEntry.fetchOne(db, key: ticketID) else {
                    throw PlannerError.ticketNotFound(ticketID)
                }
                guard found.state == .unscheduled else {
                    throw PlannerError.ticketNotUnscheduled(number: found.number, state: found.state)
                }
                entry = found
            }
            let slot: TimeSlot
            if let end = request.end {
                slot = TimeSlot(start: request.start, end: end)
            } else if let entry {
                slot = TimeSlot(start: request.start, minutes: entry.expectedDurationMinutes)
            } else {
                throw PlannerError.missingField(
                    Wording(
                        it: "Un appuntamento senza chiamata ha bisogno dell'ora di fine.",
                        en: "An appointment without a call needs an end time."))
            }
            let title: String
            if let entry {
                title = "\(entry.number) · \(entry.customerName)"
            } else if let given = request.title?.trimmingCharacters(in: .whitespaces), !given.isEmpty {
                title = given
            } else {
                throw PlannerError.missingField(
                    Wording(
                        it: "Un appuntamento senza chiamata ha bisogno di un titolo.",
                        en: "An appointment without a call needs a title."))
            }
            let person = try Self.checkFits(
                slot, operatorID: request.operatorID, activity: entry.map { ($0.activityTypeID, $0.activityTypeName) },
                excluding: nil, timeZone: timeZone, in: db)

            let appointment = AppointmentRecord(
                id: appointmentID, ticketID: entry?.ticketID, ticketNumber: entry?.number,
                operatorID: person.id, title: title, customerID: entry?.customerID,
                customerName: entry?.customerName, customerEmail: entry?.customerEmail,
                start: slot.start, end: slot.end, state: .scheduled, createdAt: now, updatedAt: now)
            try appointment.insert(db)
            if var entry {
                entry.state = .scheduled
                try entry.update(db)
            }
            try outbox.append(
                AppointmentScheduled(
                    appointmentID: appointment.id, ticketID: appointment.ticketID,
                    ticketNumber: appointment.ticketNumber, operatorID: person.id, operatorName: person.name,
                    title: title, customer: appointment.customer, start: slot.start, end: slot.end),
                correlationID: appointment.ticketID, in: db)
            return appointment
        }
    }

    /// Moves or resizes an appointment under the same rules and publishes `appointment.moved.v1`.
    public func move(appointmentID: String, to request: MoveRequest) async throws -> AppointmentRecord {
        let now = clock.now()
        return try await database.write { [outbox, timeZone] db in
            var appointment = try Self.liveAppointment(appointmentID, in: db)
            let previous = appointment
            let minutes = previous.slot.minutes
            let slot = TimeSlot(
                start: request.start, end: request.end ?? request.start.addingTimeInterval(TimeInterval(minutes * 60)))
            let activity = try appointment.ticketID
                .flatMap { try QueueEntry.fetchOne(db, key: $0) }
                .map { ($0.activityTypeID, $0.activityTypeName) }
            let person = try Self.checkFits(
                slot, operatorID: request.operatorID ?? previous.operatorID, activity: activity,
                excluding: appointmentID, timeZone: timeZone, in: db)
            appointment.operatorID = person.id
            appointment.start = slot.start
            appointment.end = slot.end
            appointment.updatedAt = now
            try appointment.update(db)
            try outbox.append(
                AppointmentMoved(
                    appointmentID: appointment.id, ticketID: appointment.ticketID,
                    ticketNumber: appointment.ticketNumber, operatorID: person.id, operatorName: person.name,
                    title: appointment.title, customer: appointment.customer,
                    previousOperatorID: previous.operatorID, previousStart: previous.start,
                    previousEnd: previous.end, start: slot.start, end: slot.end),
                correlationID: appointment.ticketID, in: db)
            return appointment
        }
    }

    /// Cancels an appointment; its call, if any, goes back to the unscheduled queue (the
    /// ctrl+drag back to the lower grid). Publishes `appointment.cancelled.v1`.
    public func unschedule(appointmentID: String, reason: String = "unscheduled") async throws -> AppointmentRecord {
        let now = clock.now()
        return try await database.write { [outbox] db in
            var appointment = try Self.liveAppointment(appointmentID, in: db)
            appointment.state = .cancelled
            appointment.updatedAt = now
            try appointment.update(db)
            if let ticketID = appointment.ticketID, var entry = try QueueEntry.fetchOne(db, key: ticketID),
                entry.state == .scheduled
            {
                entry.state = .unscheduled
                try entry.update(db)
            }
            try outbox.append(
                AppointmentCancelled(
                    appointmentID: appointment.id, ticketID: appointment.ticketID,
                    ticketNumber: appointment.ticketNumber, operatorID: appointment.operatorID,
                    title: appointment.title, customer: appointment.customer, start: appointment.start,
                    end: appointment.end, reason: reason),
                correlationID: appointment.ticketID, in: db)
            return appointment
        }
    }

    /// The appointment `id` if it is still scheduled; else the refusal the API answers (not found, or cancelled).
    static func liveAppointment(_ id: String, in db: Database) throws -> AppointmentRecord {
        guard let appointment = try AppointmentRecord.fetchOne(db, key: id) else {
            throw PlannerError.appointmentNotFound(id)
        }
        guard appointment.state == .scheduled else { throw PlannerError.appointmentCancelled(id) }
        return appointment
    }

    /// Feeds the pure rules with the operator, the call's activity links, the availability
    /// around the slot and the overlapping bookings, all read in the caller's write transaction.
    /// - Parameter activity: the call's activity type (id, name); `nil` for a direct appointment.
    static func checkFits(
        _ slot: TimeSlot, operatorID: String, activity: (id: String, name: String)?, excluding appointmentID: String?,
        timeZone: TimeZone, in db: Database
    ) throws -> SchedulingRules.Operator {
        let person = try AvailabilityQueries.person(operatorID, in: db)
        let links = try activity.map { try AvailabilityQueries.links(activityTypeID: $0.id, name: $0.name, in: db) }
        let availability = try AvailabilityQueries.availability(
            operatorID, from: slot.start, to: slot.end, timeZone: timeZone, in: db)
        let bookings = try AvailabilityQueries.bookings(
            operatorID, from: slot.start, to: slot.end, excluding: appointmentID, in: db)
        do {
            try SchedulingRules.check(
                slot: slot, for: person, operatorID: operatorID, activity: links, availability: availability,
                against: bookings, timeZone: timeZone)
        } catch {
            throw PlannerError.refused(error)
        }
        guard let person else { throw PlannerError.refused(.unknownOperator(operatorID)) }
        return person
    }

    // MARK: Reads

    /// The queue entry of `ticketID` whatever its practice, or nil when the planner never heard of it.
    public func queueEntry(ticketID: String) async throws -> QueueEntry? {
        try await database.read { db in try QueueEntry.fetchOne(db, key: ticketID) }
    }

    /// Scheduled appointments, optionally of one operator and within [from, to), by start.
    /// Whole, for the export of a chosen range; the API reads them a page at a time.
    public func appointments(operatorID: String?, from: Date?, to: Date?) async throws -> [AppointmentRecord] {
        try await database.read { db in
            try Self.appointmentsRequest(operatorID: operatorID, from: from, to: to)
                .order(AppointmentRecord.Columns.start).fetchAll(db)
        }
    }

    /// One page of `appointments(operatorID:from:to:)`, by start then id (keyset on `appointment_start`).
    /// - Throws: `PageRequestError.badCursor` for a cursor of another list.
    public func appointments(
        operatorID: String?, from: Date?, to: Date?, page: PageRequest
    ) async throws -> Page<AppointmentRecord> {
        try await database.read { db in
            try Keyset(columns: [("start", .text), ("id", .text)]).page(
                Self.appointmentsRequest(operatorID: operatorID, from: from, to: to), page: page, in: db
            ) { [DatabaseDateText.format($0.start), $0.id] }
        }
    }

    /// Appointments of one operator (or everybody) overlapping [from, to), in the list's keyset order.
    static func appointmentsRequest(operatorID: String?, from: Date?, to: Date?) -> QueryInterfaceRequest<
        AppointmentRecord
    > {
        var request =
            AppointmentRecord
            .filter(AppointmentRecord.Columns.state == AppointmentRecord.State.scheduled.rawValue)
        if let operatorID { request = request.filter(AppointmentRecord.Columns.operatorID == operatorID) }
        if let from { request = request.filter(AppointmentRecord.Columns.end > from) }
        if let to { request = request.filter(AppointmentRecord.Columns.start < to) }
        return request
    }

    /// Every operator by name: the export's names (the staff, not a growing list).
    public func operators() async throws -> [OperatorRecord] {
        try await database.read { db in try OperatorRecord.order(OperatorRecord.Columns.name).fetchAll(db) }
    }

    /// One page of the operators, by name then id (keyset on `operator_name`).
    /// - Throws: `PageRequestError.badCursor` for a cursor of another list.
    public func operators(page: PageRequest) async throws -> Page<OperatorRecord> {
        try await database.read { db in
            try Keyset(columns: [("name", .text), ("id", .text)]).page(OperatorRecord.all(), page: page, in: db) {
                [$0.name, $0.id]
            }
        }
    }
}

extension PlannerStore {
    /// The queue entry of `ticketID`, or nil when it is unknown or its activity type belongs to a
    /// practice outside `practices` (the caller's, nil for every practice; R4) — the same answer,
    /// so a planner of another practice cannot tell that the ticket exists.
    public func queueEntry(ticketID: String, visibleTo practices: [String]?) async throws -> QueueEntry? {
        try await database.read { db in
            guard let entry = try QueueEntry.fetchOne(db, key: ticketID) else { return nil }
            guard let practices,
                let practice = try ActivityTypeRecord.filter(key: entry.activityTypeID)
                    .select(ActivityTypeRecord.Columns.practiceID, as: String.self).fetchOne(db)
            else { return entry }
            return practices.contains(practice) ? entry : nil
        }
    }
}
