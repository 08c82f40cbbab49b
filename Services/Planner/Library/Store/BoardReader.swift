import Foundation
import GRDB
import PlannerDomain
import ServiceKit

/// Reads what the board shows from the planner's store, in one snapshot so the bars, the queue
/// and the change counter agree with each other.
struct BoardReader: Sendable {
    /// Calls per page of the board's queue (the API's default page too).
    static let queuePageSize = 50

    /// The planner's store (read-only use).
    let database: ServiceDatabase

    /// Everything `BoardBuilder` needs for `range` (scheduled appointments overlapping it, one
    /// page of the filtered queue and its counts, operators, activity types, availability, the
    /// change counter). The queue is never read whole: a page and GROUP BY counts.
    ///
    /// - Parameter practiceIDs: the user's practices (R4): only calls and appointments of their
    ///   activity types (and of types without a practice) are shown; nil shows everything.
    /// - Throws: `PageRequestError.badCursor` for a queue cursor that is not a queue position.
    func snapshot(
        range: DateInterval, timeZone: TimeZone, practiceIDs: [String]? = nil,
        queue filter: QueueFilter = QueueFilter(), page: PageRequest = PageRequest(limit: BoardReader.queuePageSize)
    ) async throws -> BoardSnapshot {
        try await database.read { db in
            let operators = try OperatorRecord.fetchAll(db)
            let appointments =
                try AppointmentRecord
                .filter(AppointmentRecord.Columns.state == AppointmentRecord.State.scheduled.rawValue)
                .filter(AppointmentRecord.Columns.end > range.start && AppointmentRecord.Columns.start < range.end)
                .order(AppointmentRecord.Columns.start)
                .fetchAll(db)
            let ticketIDs = Set(appointments.compactMap(\.ticketID))
            let calls = try QueueEntry.fetchAll(db, keys: Array(ticketIDs))
            let types = Dictionary(try ActivityTypeRecord.fetchAll(db).map { ($0.id, $0) }) { first, _ in first }
            // R4: a call of another practice's type is not this user's work.
            func visible(_ call: QueueEntry?) -> Bool {
                guard let practiceIDs, let call, let practice = types[call.activityTypeID]?.practiceID else {
                    return true
                }
                return practiceIDs.contains(practice)
            }
            let byTicket = Dictionary(calls.map { ($0.ticketID, $0) }) { first, _ in first }
            let states = try ActivityStateRecord.fetchAll(db)
            var filter = filter
            filter.visiblePractices = practiceIDs
            let initial = try QueueQueries.initialStateID(in: db)
            let queue = try QueueQueries.page(filter, request: page, initialStateID: initial, in: db)
            return BoardSnapshot(
                operators: operators,
                activityTypes: types,
                appointments: appointments.filter { visible($0.ticketID.flatMap { byTicket[$0] }) },
                callsByTicket: byTicket,
                unscheduled: queue.items,
                queueNextCursor: queue.nextCursor?.token,
                queueCounts: try QueueQueries.counts(filter, initialStateID: initial, in: db),
                availability: try Self.availability(
                    range: range, operatorIDs: operators.filter(\.active).map(\.id), timeZone: timeZone, in: db),
                version: try Self.version(in: db),
                states: Dictionary(states.map { ($0.id, $0) }) { first, _ in first },
                initialStateID: initial)
        }
    }

    /// The version token alone: what the live-update stream polls every half second. Two index
    /// lookups: the change counter and the newest presence (see `BoardMigrations`).
    func version() async throws -> String {
        try await database.read { db in try Self.version(in: db) }
    }

    /// The version token inside an existing read (also used by `snapshot`).
    static func version(in db: Database) throws -> String {
        // Raw on purpose: polled every half second by each open board; two index lookups in one statement.
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT (SELECT version FROM boardVersion WHERE id = 1) AS counter,
                       (SELECT MAX(id) FROM presence) AS newestPresence
                """)
        let counter: Int64 = row?["counter"] ?? 0
        let newestPresence: Int64 = row?["newestPresence"] ?? 0
        return "\(counter).\(newestPresence)"
    }

    /// White and grey for `range`, for the operators in `operatorIDs`: presences within working
    /// hours are white; holidays (whole local days) and absences are grey.
    static func availability(
        range: DateInterval, operatorIDs: [String], timeZone: TimeZone, in db: Database
    ) throws -> BoardAvailability {
        let presences =
            try PresenceRecord
            .filter(operatorIDs.contains(PresenceRecord.Columns.operatorID))
            .filter(PresenceRecord.Columns.start > range.start.addingTimeInterval(-AvailabilityQueries.longestPresence))
            .filter(PresenceRecord.Columns.start < range.end && PresenceRecord.Columns.end > range.start)
            .fetchAll(db)
        let hours = try WorkingHoursRecord.filter(operatorIDs.contains(WorkingHoursRecord.Columns.operatorID)).fetchAll(
            db)
        let weeks = Dictionary(grouping: hours, by: \.operatorID).mapValues { WorkingWeek(rows: $0) }
        var present: [String: [TimeSlot]] = [:]
        for (operatorID, rows) in Dictionary(grouping: presences, by: \.operatorID) {
            let merged = IntervalMath.merged(rows.map(\.slot))
            if let week = weeks[operatorID] {
                present[operatorID] = IntervalMath.intersection(
                    merged, week.slots(from: range.start, to: range.end, in: timeZone))
            } else {
                present[operatorID] = merged
            }
        }
        let absences =
            try AbsenceRecord
            .filter(operatorIDs.contains(AbsenceRecord.Columns.operatorID))
            .filter(AbsenceRecord.Columns.start < range.end && AbsenceRecord.Columns.end > range.start)
            .fetchAll(db)
        let holidays = try AvailabilityQueries.holidays(from: range.start, to: range.end, timeZone: timeZone, in: db)
        let minutes = hours.flatMap { [$0.start.minutes, $0.end.minutes] }
        return BoardAvailability(
            tracksPresence: true,
            present: present,
            absences: Dictionary(grouping: absences, by: \.operatorID).mapValues { rows in
                rows.map { BoardAvailability.Block(slot: $0.slot, reason: $0.reason) }
            },
            holidays: holidays.map { holiday in
                BoardAvailability.Block(
                    slot: TimeSlot(
                        start: holiday.day.startInstant(in: timeZone),
                        end: holiday.day.adding(days: 1).startInstant(in: timeZone)),
                    reason: holiday.name)
            },
            workingWindow: minutes.min().flatMap { lower in minutes.max().map { lower...$0 } })
    }
}
