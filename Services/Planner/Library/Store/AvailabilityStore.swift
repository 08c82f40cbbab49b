public import Foundation
import GRDB
public import PlannerDomain
public import ServiceKit

/// The planner's availability data (SPEC R6–R9): working hours, operator links, presence rules
/// and their generation, company holidays, absences. Each write is one transaction that first
/// validates everything, so a refused request writes nothing.
public struct AvailabilityStore: Sendable {
    /// The planner's SQLite store.
    let database: ServiceDatabase
    /// The time of a change; tests fix it.
    let clock: ServiceClock
    /// New rules', absences' and jobs' ids; tests make them predictable.
    let ids: IDGenerator
    /// The company's: working hours, holidays and rules are local.
    let timeZone: TimeZone

    /// The store of the service's context, reading local days in the company's time zone.
    public init(context: ServiceContext) {
        self.database = context.database
        self.clock = context.clock
        self.ids = context.ids
        self.timeZone = context.configuration.timeZone
    }

    // MARK: Working hours (R6)

    /// Replaces the working hours of every operator in `request` with its week, in one
    /// transaction: all of them change or none does.
    @discardableResult
    public func setWorkingHours(_ request: SetWorkingHours) async throws -> [WorkingHoursRecord] {
        let week = try request.validated()
        let operatorIDs = Array(Set(request.operatorIDs)).sorted()
        return try await database.write { db in
            try Self.requireOperators(operatorIDs, in: db)
            try WorkingHoursRecord.filter(operatorIDs.contains(WorkingHoursRecord.Columns.operatorID)).deleteAll(db)
            var rows: [WorkingHoursRecord] = []
            for operatorID in operatorIDs {
                for (weekday, intervals) in week.days.sorted(by: { $0.key < $1.key }) {
                    for interval in intervals {
                        let row = WorkingHoursRecord(
                            operatorID: operatorID, weekday: weekday, start: interval.start, end: interval.end)
                        try row.insert(db)
                        rows.append(row)
                    }
                }
            }
            return rows
        }
    }

    /// An operator's working hours by weekday and start; empty when none are configured.
    public func workingHours(operatorID: String) async throws -> [WorkingHoursRecord] {
        try await database.read { db in
            try Self.requireOperators([operatorID], in: db)
            return try WorkingHoursRecord.filter(WorkingHoursRecord.Columns.operatorID == operatorID)
                .order(WorkingHoursRecord.Columns.weekday, WorkingHoursRecord.Columns.start).fetchAll(db)
        }
    }

    // MARK: Operator links (R7)

    /// Replaces who may perform `activityTypeID`; empty lists open it to everybody.
    @discardableResult
    public func setLinks(activityTypeID: String, _ request: SetActivityLinks) async throws -> ActivityTypeLinks {
        let groups = try request.validatedGroups()
        let operatorIDs = Array(Set(request.operatorIDs)).sorted()
        return try await database.write { db in
            guard try ActivityTypeRecord.exists(db, key: activityTypeID) else {
                throw AvailabilityError.activityTypeNotFound(activityTypeID)
            }
            try Self.requireOperators(operatorIDs, in: db)
            try OperatorLinkRecord.filter(OperatorLinkRecord.Columns.activityTypeID == activityTypeID).deleteAll(db)
            for id in operatorIDs {
                try OperatorLinkRecord(activityTypeID: activityTypeID, kind: .operator, target: id).insert(db)
            }
            for group in groups {
                try OperatorLinkRecord(activityTypeID: activityTypeID, kind: .group, target: group).insert(db)
            }
            return try Self.links(activityTypeID, in: db)
        }
    }

    /// Who may perform `activityTypeID`.
    public func links(activityTypeID: String) async throws -> ActivityTypeLinks {
        try await database.read { db in
            guard try ActivityTypeRecord.exists(db, key: activityTypeID) else {
                throw AvailabilityError.activityTypeNotFound(activityTypeID)
            }
            return try Self.links(activityTypeID, in: db)
        }
    }

    /// The links of a type as the API shows them, inside the caller's transaction.
    static func links(_ activityTypeID: String, in db: Database) throws -> ActivityTypeLinks {
        let rows = try OperatorLinkRecord.filter(OperatorLinkRecord.Columns.activityTypeID == activityTypeID).fetchAll(
            db)
        let operatorIDs = rows.filter { $0.kind == .operator }.map(\.target).sorted()
        let groups = rows.filter { $0.kind == .group }.map(\.target).sorted()
        return ActivityTypeLinks(
            activityTypeID: activityTypeID, operatorIDs: operatorIDs, groups: groups,
            open: operatorIDs.isEmpty && groups.isEmpty)
    }

    // MARK: Presence rules (R8)

    /// Adds a presence rule; nothing is generated until "generate recurrences" runs.
    public func addPresenceRule(_ request: NewPresenceRule) async throws -> PresenceRuleRecord {
        let recurrence = try request.validated()
        let rule = PresenceRuleRecord(
            id: ids.next(), operatorID: request.operatorID, zone: request.zone.trimmingCharacters(in: .whitespaces),
            frequency: recurrence.frequency, interval: recurrence.interval, weekdays: recurrence.weekdays.sorted(),
            dayOfMonth: recurrence.dayOfMonth, startTime: recurrence.startTime, endTime: recurrence.endTime,
            validFrom: recurrence.validFrom, validTo: recurrence.validTo, createdAt: clock.now())
        return try await database.write { db in
            try Self.requireOperators([rule.operatorID], in: db)
            try rule.insert(db)
            return rule
        }
    }

    /// The presence rules, optionally of one operator.
    /// - Throws: `PageRequestError.badCursor` for a cursor of another list.
    public func presenceRules(operatorID: String?, page: PageRequest) async throws -> Page<PresenceRuleRecord> {
        try await database.read { db in
            var request = PresenceRuleRecord.all()
            if let operatorID { request = request.filter(PresenceRuleRecord.Columns.operatorID == operatorID) }
            return try Keyset(columns: [("operatorID", .text), ("createdAt", .text), ("id", .text)]).page(
                request, page: page, in: db
            ) { [$0.operatorID, DatabaseDateText.format($0.createdAt), $0.id] }
        }
    }

    /// Deletes a rule and the presences it generated; returns how many presences went.
    /// Appointments already booked inside them stay (the board shows them on grey).
    public func deletePresenceRule(id: String) async throws -> Int {
        try await database.write { db in
            guard try PresenceRuleRecord.deleteOne(db, key: id) else {
                throw AvailabilityError.presenceRuleNotFound(id)
            }
            return try PresenceRecord.filter(PresenceRecord.Columns.ruleID == id).deleteAll(db)
        }
    }

    /// Generated presences overlapping [from, to), optionally of some operators, by operator and start:
    /// the white of the board.
    /// - Throws: `PageRequestError.badCursor` for a cursor of another list.
    public func presences(operatorIDs: [String]?, from: Date, to: Date, page: PageRequest) async throws -> Page<
        PresenceRecord
    > {
        try await database.read { db in
            var request =
                PresenceRecord
                .filter(PresenceRecord.Columns.start > from.addingTimeInterval(-AvailabilityQueries.longestPresence))
                .filter(PresenceRecord.Columns.start < to && PresenceRecord.Columns.end > from)
            if let operatorIDs { request = request.filter(operatorIDs.contains(PresenceRecord.Columns.operatorID)) }
            return try Keyset(columns: [("operatorID", .text), ("start", .text), ("id", .integer)]).page(
                request, page: page, in: db
            ) { [$0.operatorID, DatabaseDateText.format($0.start), "\($0.id ?? 0)"] }
        }
    }

    // MARK: Holidays (R9)

    /// Adds a company holiday; a day can be a holiday once.
    public func addHoliday(_ request: NewHoliday) async throws -> HolidayRecord {
        let holiday = HolidayRecord(day: request.day, name: try HolidayName(name: request.name).validated())
        return try await database.write { db in
            if let existing = try HolidayRecord.fetchOne(db, key: holiday.day) {
                throw AvailabilityError.holidayExists(day: existing.day, name: existing.name)
            }
            try holiday.insert(db)
            return holiday
        }
    }

    /// Makes `day` a holiday called `name`, creating or renaming it.
    public func setHoliday(day: LocalDate, _ request: HolidayName) async throws -> HolidayRecord {
        let holiday = HolidayRecord(day: day, name: try request.validated())
        return try await database.write { db in
            try holiday.upsert(db)
            return holiday
        }
    }

    /// Holidays in [from, to] (all when open-ended), by day.
    /// - Throws: `PageRequestError.badCursor` for a cursor of another list.
    public func holidays(from: LocalDate?, to: LocalDate?, page: PageRequest) async throws -> Page<HolidayRecord> {
        try await database.read { db in
            var request = HolidayRecord.all()
            if let from { request = request.filter(HolidayRecord.Columns.day >= from) }
            if let to { request = request.filter(HolidayRecord.Columns.day <= to) }
            return try Keyset(columns: [("day", .text)]).page(request, page: page, in: db) { [$0.day.description] }
        }
    }

    /// Removes a holiday.
    public func deleteHoliday(day: LocalDate) async throws {
        try await database.write { db in
            guard try HolidayRecord.deleteOne(db, key: day) else { throw AvailabilityError.holidayNotFound(day) }
        }
    }

    // MARK: Absences (R9)

    /// Records an absence; refused when the operator is already absent in part of it.
    public func addAbsence(_ request: AbsenceInput) async throws -> AbsenceRecord {
        let (slot, reason) = try request.validated(in: timeZone)
        let absence = AbsenceRecord(
            id: ids.next(), operatorID: request.operatorID, start: slot.start, end: slot.end, reason: reason)
        return try await database.write { db in
            try Self.checkAbsence(absence, in: db)
            try absence.insert(db)
            return absence
        }
    }

    /// Changes an absence (operator, time or reason) under the same checks.
    public func updateAbsence(id: String, _ request: AbsenceInput) async throws -> AbsenceRecord {
        let (slot, reason) = try request.validated(in: timeZone)
        let absence = AbsenceRecord(
            id: id, operatorID: request.operatorID, start: slot.start, end: slot.end, reason: reason)
        return try await database.write { db in
            guard try AbsenceRecord.exists(db, key: id) else { throw AvailabilityError.absenceNotFound(id) }
            try Self.checkAbsence(absence, in: db)
            try absence.update(db)
            return absence
        }
    }

    /// Absences overlapping [from, to), optionally of one operator, by start.
    /// - Throws: `PageRequestError.badCursor` for a cursor of another list.
    public func absences(operatorIDs: [String]?, from: Date?, to: Date?, page: PageRequest) async throws -> Page<
        AbsenceRecord
    > {
        try await database.read { db in
            var request = AbsenceRecord.all()
            if let operatorIDs { request = request.filter(operatorIDs.contains(AbsenceRecord.Columns.operatorID)) }
            if let from { request = request.filter(AbsenceRecord.Columns.end > from) }
            if let to { request = request.filter(AbsenceRecord.Columns.start < to) }
            return try Keyset(columns: [("start", .text), ("id", .text)]).page(
                request, page: page, in: db
            ) { [DatabaseDateText.format($0.start), $0.id] }
        }
    }

    /// Removes an absence.
    public func deleteAbsence(id: String) async throws {
        try await database.write { db in
            guard try AbsenceRecord.deleteOne(db, key: id) else { throw AvailabilityError.absenceNotFound(id) }
        }
    }

    /// The operator must exist and not be absent already in any part of the new absence.
    static func checkAbsence(_ absence: AbsenceRecord, in db: Database) throws {
        guard let person = try OperatorRecord.fetchOne(db, key: absence.operatorID) else {
            throw AvailabilityError.operatorsNotFound([absence.operatorID])
        }
        if let clash =
            try AbsenceRecord
            .filter(AbsenceRecord.Columns.operatorID == absence.operatorID)
            .filter(AbsenceRecord.Columns.start < absence.end && AbsenceRecord.Columns.end > absence.start)
            .filter(AbsenceRecord.Columns.id != absence.id)
            .order(AbsenceRecord.Columns.start).fetchOne(db)
        {
            throw AvailabilityError.absenceOverlaps(
                operatorName: person.name, existing: clash.slot, reason: clash.reason)
        }
    }

    // MARK: Helpers

    /// Throws `operatorsNotFound` naming every id the planner does not know.
    static func requireOperators(_ ids: [String], in db: Database) throws {
        guard !ids.isEmpty else { return }
        let known = Set(
            try String.fetchAll(
                db, OperatorRecord.select(OperatorRecord.Columns.id).filter(ids.contains(OperatorRecord.Columns.id))))
        let missing = ids.filter { !known.contains($0) }
        if !missing.isEmpty { throw AvailabilityError.operatorsNotFound(missing) }
    }
}
