import Foundation
import GRDB

/// Reads what the pure scheduling rules need, inside whatever transaction the caller holds:
/// the fit check calls these in the write transaction that stores the appointment.
/// Every query is bounded by an index range, so a check costs the same with a million
/// appointments stored as with ten.
enum AvailabilityQueries {
    /// No generated presence lasts longer than this (a 24-hour rule on a 25-hour fall-back day),
    /// which bounds the index range when looking for the presences that contain a slot.
    static let longestPresence: TimeInterval = 26 * 3600

    /// The operator as the rules see them, or `nil` when unknown.
    static func person(_ operatorID: String, in db: Database) throws -> SchedulingRules.Operator? {
        try OperatorRecord.fetchOne(db, key: operatorID).map(\.rulesOperator)
    }

    /// The links of an activity type; its name is the caller's (the queue entry knows it).
    static func links(activityTypeID: String, name: String, in db: Database) throws -> SchedulingRules.ActivityLinks {
        let rows = try OperatorLinkRecord
            .filter(OperatorLinkRecord.Columns.activityTypeID == activityTypeID).fetchAll(db)
        return SchedulingRules.ActivityLinks(
            activityTypeID: activityTypeID, name: name,
            operatorIDs: Set(rows.filter { $0.kind == .operator }.map(\.target)),
            groups: Set(rows.filter { $0.kind == .group }.map(\.target)))
    }

    /// The operator's working week, or `nil` when none is configured.
    static func workingWeek(_ operatorID: String, in db: Database) throws -> WorkingWeek? {
        let rows = try WorkingHoursRecord.filter(WorkingHoursRecord.Columns.operatorID == operatorID).fetchAll(db)
        return rows.isEmpty ? nil : WorkingWeek(rows: rows)
    }

    /// Availability of one operator around [from, to): presences, working week, holidays,
    /// absences that overlap it.
    static func availability(
        _ operatorID: String, from: Date, to: Date, timeZone: TimeZone, in db: Database
    ) throws -> SchedulingRules.Availability {
        let presences = try PresenceRecord
            .filter(PresenceRecord.Columns.operatorID == operatorID)
            .filter(PresenceRecord.Columns.start > from.addingTimeInterval(-longestPresence))
            .filter(PresenceRecord.Columns.start < to)
            .filter(PresenceRecord.Columns.end > from)
            .fetchAll(db)
            .map { SchedulingRules.Presence(zone: $0.zone, slot: $0.slot) }
        let absences = try AbsenceRecord
            .filter(AbsenceRecord.Columns.operatorID == operatorID)
            .filter(AbsenceRecord.Columns.start < to && AbsenceRecord.Columns.end > from)
            .fetchAll(db)
            .map { SchedulingRules.Absence(reason: $0.reason, slot: $0.slot) }
        return SchedulingRules.Availability(
            presences: presences, workingWeek: try workingWeek(operatorID, in: db),
            holidays: try holidays(from: from, to: to, timeZone: timeZone, in: db), absences: absences)
    }

    /// Holidays on the local days [from, to) touches.
    static func holidays(from: Date, to: Date, timeZone: TimeZone, in db: Database) throws -> [SchedulingRules.Holiday] {
        let first = LocalDate(containing: from, in: timeZone)
        let last = LocalDate(containing: max(from, to.addingTimeInterval(-1)), in: timeZone)
        return try HolidayRecord
            .filter(HolidayRecord.Columns.day >= first && HolidayRecord.Columns.day <= last)
            .fetchAll(db)
            .map { SchedulingRules.Holiday(day: $0.day, name: $0.name) }
    }

    /// The operator's scheduled appointments overlapping [from, to), except `excluded`.
    /// Appointments last at most `SchedulingRules.maximumMinutes`, which bounds the index range.
    static func bookings(
        _ operatorID: String, from: Date, to: Date, excluding excluded: String?, in db: Database
    ) throws -> [SchedulingRules.Booking] {
        try AppointmentRecord
            .filter(AppointmentRecord.Columns.operatorID == operatorID)
            .filter(AppointmentRecord.Columns.state == AppointmentRecord.State.scheduled.rawValue)
            .filter(AppointmentRecord.Columns.start > from.addingTimeInterval(-Double(SchedulingRules.maximumMinutes * 60)))
            .filter(AppointmentRecord.Columns.start < to && AppointmentRecord.Columns.end > from)
            .fetchAll(db)
            .filter { $0.id != excluded }
            .map { SchedulingRules.Booking(appointmentID: $0.id, title: $0.title, slot: $0.slot) }
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
        self.init(days: Dictionary(grouping: rows, by: \.weekday).mapValues {
            $0.map { Interval(start: $0.start, end: $0.end) }
        })
    }
}
