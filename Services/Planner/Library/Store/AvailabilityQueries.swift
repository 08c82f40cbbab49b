import Foundation
import GRDB
import PlannerDomain

/// Reads what the pure scheduling rules need, inside whatever transaction the caller holds:
/// the fit check calls these in the write transaction that stores the appointment.
/// Every query is bounded by an index range, so a check costs the same with a million
/// appointments stored as with ten. Each is a cached prepared statement read from raw rows:
/// building the SQL of a query-interface request, preparing it and decoding records through
/// `Codable` was most of a drop's time (`AvailabilityQueryPlanTests` checks the indexes).
enum AvailabilityQueries {
    /// No generated presence lasts longer than this (a 24-hour rule on a 25-hour fall-back day),
    /// which bounds the index range when looking for the presences that contain a slot.
    static let longestPresence: TimeInterval = 26 * 3600

    /// The statements, by job; `PlannerStore.epochMilliseconds` turns dates into numbers in SQLite.
    enum SQL {
        // Raw on purpose: the fit check runs in every drop's write transaction; cached statements read into raw rows (measured).
        /// The operator the rules check: name, whether active, groups.
        static let person = "SELECT id, name, active, groups FROM operator WHERE id = ?"
        /// Who may perform an activity type (R7).
        static let links = "SELECT kind, target FROM operatorLink WHERE activityTypeID = ?"
        /// The operator's working week (R6).
        static let workingHours = #"SELECT weekday, start, "end" FROM workingHours WHERE operatorID = ?"#
        /// The operator's presences that may contain the slot (R8).
        static let presences = """
            SELECT zone, \(PlannerStore.epochMilliseconds("start")), \(PlannerStore.epochMilliseconds(#""end""#))
            FROM presence WHERE operatorID = ? AND start > ? AND start < ? AND "end" > ?
            """
        /// The operator's absences overlapping the slot (R9).
        static let absences = """
            SELECT reason, \(PlannerStore.epochMilliseconds("start")), \(PlannerStore.epochMilliseconds(#""end""#))
            FROM absence WHERE operatorID = ? AND start < ? AND "end" > ?
            """
        /// The company holidays in a range of days (R9).
        static let holidays = "SELECT day, name FROM holiday WHERE day >= ? AND day <= ?"
        /// The operator's scheduled appointments overlapping the slot.
        static let bookings = """
            SELECT id, title, \(PlannerStore.epochMilliseconds("start")), \(PlannerStore.epochMilliseconds(#""end""#))
            FROM appointment
            WHERE operatorID = ? AND state = 'scheduled' AND start > ? AND start < ? AND "end" > ?
            """
    }

    /// The operator as the rules see them, or `nil` when unknown.
    static func person(_ operatorID: String, in db: Database) throws -> SchedulingRules.Operator? {
        // Raw SQL stays: the fit check's cached statement (issue 13, measured hot).
        guard let row = try Row.fetchOne(db.cachedStatement(sql: SQL.person), arguments: [operatorID]) else {
            return nil
        }
        let groups: String = row[3]
        return SchedulingRules.Operator(
            id: row[0], name: row[1], active: row[2],
            groups: try JSONDecoder().decode([String].self, from: Data(groups.utf8)))
    }

    /// The links of an activity type; its name is the caller's (the queue entry knows it).
    static func links(activityTypeID: String, name: String, in db: Database) throws -> SchedulingRules.ActivityLinks {
        var operatorIDs = Set<String>()
        var groups = Set<String>()
        // Raw SQL stays: the fit check's cached statement (issue 13, measured hot).
        let rows = try Row.fetchCursor(db.cachedStatement(sql: SQL.links), arguments: [activityTypeID])
        while let row = try rows.next() {
            switch OperatorLinkRecord.Kind(rawValue: row[0]) {
            case .operator: operatorIDs.insert(row[1])
            case .group: groups.insert(row[1])
            case nil: continue
            }
        }
        return SchedulingRules.ActivityLinks(
            activityTypeID: activityTypeID, name: name, operatorIDs: operatorIDs, groups: groups)
    }

    /// The operator's working week, or `nil` when none is configured.
    static func workingWeek(_ operatorID: String, in db: Database) throws -> WorkingWeek? {
        var rows: [WorkingHoursRecord] = []
        // Raw SQL stays: the fit check's cached statement (issue 13, measured hot).
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: SQL.workingHours), arguments: [operatorID])
        while let row = try cursor.next() {
            guard let start = LocalTime(row[1] as String), let end = LocalTime(row[2] as String) else { continue }
            rows.append(WorkingHoursRecord(operatorID: operatorID, weekday: row[0], start: start, end: end))
        }
        return rows.isEmpty ? nil : WorkingWeek(rows: rows)
    }

    /// Availability of one operator around [from, to): presences, working week, holidays,
    /// absences that overlap it.
    static func availability(
        _ operatorID: String, from: Date, to: Date, timeZone: TimeZone, in db: Database
    ) throws -> SchedulingRules.Availability {
        let fromText = DatabaseDateText.format(from)
        let toText = DatabaseDateText.format(to)
        var presences: [SchedulingRules.Presence] = []
        // Raw SQL stays: the fit check's cached statement (issue 13, measured hot).
        let presenceRows = try Row.fetchCursor(
            db.cachedStatement(sql: SQL.presences),
            arguments: [
                operatorID, DatabaseDateText.format(from.addingTimeInterval(-longestPresence)), toText, fromText
            ])
        while let row = try presenceRows.next() {
            presences.append(SchedulingRules.Presence(zone: row[0], slot: PlannerStore.slot(row, 1)))
        }
        var absences: [SchedulingRules.Absence] = []
        let absenceRows = try Row.fetchCursor(
            db.cachedStatement(sql: SQL.absences), arguments: [operatorID, toText, fromText])
        while let row = try absenceRows.next() {
            absences.append(SchedulingRules.Absence(reason: row[0], slot: PlannerStore.slot(row, 1)))
        }
        return SchedulingRules.Availability(
            presences: presences, workingWeek: try workingWeek(operatorID, in: db),
            holidays: try holidays(from: from, to: to, timeZone: timeZone, in: db), absences: absences)
    }

    /// Holidays on the local days [from, to) touches.
    static func holidays(from: Date, to: Date, timeZone: TimeZone, in db: Database) throws -> [SchedulingRules.Holiday]
    {
        let first = LocalDate(containing: from, in: timeZone)
        let last = LocalDate(containing: max(from, to.addingTimeInterval(-1)), in: timeZone)
        var holidays: [SchedulingRules.Holiday] = []
        // Raw SQL stays: the fit check's cached statement (issue 13, measured hot).
        let rows = try Row.fetchCursor(db.cachedStatement(sql: SQL.holidays), arguments: [first, last])
        while let row = try rows.next() {
            guard let day = LocalDate(row[0] as String) else { continue }
            holidays.append(SchedulingRules.Holiday(day: day, name: row[1]))
        }
        return holidays
    }

    /// The operator's scheduled appointments overlapping [from, to), except `excluded`.
    /// Appointments last at most `SchedulingRules.maximumMinutes`, which bounds the index range.
    static func bookings(
        _ operatorID: String, from: Date, to: Date, excluding excluded: String?, in db: Database
    ) throws -> [SchedulingRules.Booking] {
        var bookings: [SchedulingRules.Booking] = []
        // Raw SQL stays: the fit check's cached statement (issue 13, measured hot).
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: SQL.bookings),
            arguments: [
                operatorID,
                DatabaseDateText.format(from.addingTimeInterval(-Double(SchedulingRules.maximumMinutes * 60))),
                DatabaseDateText.format(to), DatabaseDateText.format(from)
            ])
        while let row = try rows.next() {
            let id: String = row[0]
            guard id != excluded else { continue }
            bookings.append(SchedulingRules.Booking(appointmentID: id, title: row[1], slot: PlannerStore.slot(row, 2)))
        }
        return bookings
    }
}

extension OperatorRecord {
    /// The operator as the pure rules see them.
    var rulesOperator: SchedulingRules.Operator {
        SchedulingRules.Operator(id: id, name: name, active: active, groups: groups)
    }
}

extension WorkingWeek {
    /// A working week from its rows.
    init(rows: [WorkingHoursRecord]) {
        self.init(
            days: Dictionary(grouping: rows, by: \.weekday).mapValues {
                $0.map { Interval(start: $0.start, end: $0.end) }
            })
    }
}
