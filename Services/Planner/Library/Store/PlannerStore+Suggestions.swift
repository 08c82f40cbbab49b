public import Foundation
import GRDB
public import PlannerDomain
public import ServiceKit

/// The answer to `GET /api/queue/{ticketID}/suggestions`.
public struct SuggestionList: Codable, Sendable, Equatable {
    /// The call the slots are for.
    public var ticketID: String
    /// The ticket's number, for the heading.
    public var number: String
    /// The visit's length each slot fits.
    public var minutes: Int
    /// The call's zone, which the ranking prefers.
    public var zone: String?
    /// The start of the searched range.
    public var from: Date
    /// The end of the searched range.
    public var to: Date
    /// The best slots, best first, with their reasons.
    public var suggestions: [SlotSuggester.Suggestion]
}

/// An operator's to-do list on the planner side (R15): their appointments in a range.
public struct TodoList: Codable, Sendable, Equatable {
    /// Whose list it is.
    public var operatorID: String
    /// The operator's name, for the list's heading.
    public var operatorName: String
    /// The start of the listed range.
    public var from: Date
    /// The end of the listed range.
    public var to: Date
    /// The operator's scheduled appointments in the range, by start.
    public var appointments: [AppointmentRecord]
}

extension PlannerStore {
    /// The best slots for an unscheduled call over [from, from + days): everything is read in
    /// one snapshot with one query per table for all operators, then ranked in memory by the
    /// pure `SlotSuggester` (no query per operator or per grid cell).
    /// The reasons are written in `language`.
    public func suggestions(
        ticketID: String, from: Date, days: Int, limit: Int, language: PageLanguage = .en
    ) async throws -> SuggestionList {
        let to = from.addingTimeInterval(Double(days) * 86_400)
        return try await database.read { [timeZone] db in
            guard let entry = try QueueEntry.fetchOne(db, key: ticketID) else {
                throw PlannerError.ticketNotFound(ticketID)
            }
            guard entry.state == .unscheduled else {
                throw PlannerError.ticketNotUnscheduled(number: entry.number, state: entry.state)
            }
            let links = try AvailabilityQueries.links(
                activityTypeID: entry.activityTypeID, name: entry.activityTypeName, in: db)
            let candidates = try Self.candidates(from: from, to: to, timeZone: timeZone, in: db)
            let suggestions = SlotSuggester.suggest(
                for: SlotSuggester.Call(minutes: entry.expectedDurationMinutes, zone: entry.siteZone, activity: links),
                among: candidates, options: SlotSuggester.Options(from: from, to: to, limit: limit), timeZone: timeZone,
                language: language)
            return SuggestionList(
                ticketID: entry.ticketID, number: entry.number, minutes: entry.expectedDurationMinutes,
                zone: entry.siteZone, from: from, to: to, suggestions: suggestions)
        }
    }

    /// Every active operator with their presences, working week, absences and bookings over
    /// [from, to), and the holidays in it: one query per table, reading only the columns the
    /// rules need from raw rows (decoding whole records cost more than the ranking itself).
    static func candidates(from: Date, to: Date, timeZone: TimeZone, in db: Database) throws -> [SlotSuggester
        .Candidate]
    {
        let people = try activeOperators(in: db)
        var presences: [String: [SchedulingRules.Presence]] = [:]
        // Raw on purpose (this and the three below): suggestions read every operator's range; raw rows beat records (measured).
        let presenceRows = try Row.fetchCursor(
            db,
            sql: """
                SELECT operatorID, zone, \(Self.epochMilliseconds("start")), \(Self.epochMilliseconds(#""end""#)) FROM presence
                WHERE start > ? AND start < ? AND "end" > ?
                """, arguments: [from.addingTimeInterval(-AvailabilityQueries.longestPresence), to, from])
        while let row = try presenceRows.next() {
            presences[row[0], default: []].append(
                SchedulingRules.Presence(zone: row[1], slot: Self.slot(row, 2)))
        }
        var hours: [String: [WorkingHoursRecord]] = [:]
        let hourRows = try Row.fetchCursor(db, sql: #"SELECT operatorID, weekday, start, "end" FROM workingHours"#)
        while let row = try hourRows.next() {
            let operatorID: String = row[0]
            guard let start = LocalTime(row[2] as String), let end = LocalTime(row[3] as String) else { continue }
            hours[operatorID, default: []].append(
                WorkingHoursRecord(operatorID: operatorID, weekday: row[1], start: start, end: end))
        }
        var absences: [String: [SchedulingRules.Absence]] = [:]
        let absenceRows = try Row.fetchCursor(
            db,
            sql: """
                SELECT operatorID, reason, \(Self.epochMilliseconds("start")), \(Self.epochMilliseconds(#""end""#))
                FROM absence WHERE start < ? AND "end" > ?
                """, arguments: [to, from])
        while let row = try absenceRows.next() {
            absences[row[0], default: []].append(
                SchedulingRules.Absence(reason: row[1], slot: Self.slot(row, 2)))
        }
        var bookings: [String: [SchedulingRules.Booking]] = [:]
        let bookingRows = try Row.fetchCursor(
            db,
            sql: """
                SELECT operatorID, id, title, \(Self.epochMilliseconds("start")), \(Self.epochMilliseconds(#""end""#))
                FROM appointment
                WHERE state = 'scheduled' AND start > ? AND start < ? AND "end" > ?
                """, arguments: [from.addingTimeInterval(-Double(SchedulingRules.maximumMinutes * 60)), to, from])
        while let row = try bookingRows.next() {
            bookings[row[0], default: []].append(
                SchedulingRules.Booking(appointmentID: row[1], title: row[2], slot: Self.slot(row, 3)))
        }
        let holidays = try AvailabilityQueries.holidays(from: from, to: to, timeZone: timeZone, in: db)
        return people.map { person in
            SlotSuggester.Candidate(
                person: person,
                availability: SchedulingRules.Availability(
                    presences: presences[person.id] ?? [],
                    workingWeek: hours[person.id].map(WorkingWeek.init(rows:)),
                    holidays: holidays,
                    absences: absences[person.id] ?? []),
                bookings: bookings[person.id] ?? [])
        }
    }

    /// Every active operator by id, as the rules see them, read from raw rows: decoding a
    /// thousand `OperatorRecord`s through `Codable` (a JSON decoder per group list) was a fifth
    /// of the suggestions' time; operators share a few group lists, each decoded once.
    static func activeOperators(in db: Database) throws -> [SchedulingRules.Operator] {
        var groupLists: [String: [String]] = [:]
        var people: [SchedulingRules.Operator] = []
        // Raw on purpose: each distinct group list is decoded once instead of once per operator record (measured).
        let rows = try Row.fetchCursor(db, sql: "SELECT id, name, groups FROM operator WHERE active ORDER BY id")
        while let row = try rows.next() {
            let text: String = row[2]
            let groups: [String]
            if let known = groupLists[text] {
                groups = known
            } else {
                groups = try JSONDecoder().decode([String].self, from: Data(text.utf8))
                groupLists[text] = groups
            }
            people.append(SchedulingRules.Operator(id: row[0], name: row[1], active: true, groups: groups))
        }
        return people
    }

    /// SQL turning a stored date column into milliseconds since 1970, computed by SQLite: reading
    /// tens of thousands of dates this way costs a fraction of parsing their text in Swift.
    static func epochMilliseconds(_ column: String) -> String {
        "CAST(round((julianday(\(column)) - 2440587.5) * 86400000.0) AS INTEGER)"
    }

    /// The slot in columns `index` and `index + 1` of a row read with `epochMilliseconds`.
    static func slot(_ row: Row, _ index: Int) -> TimeSlot {
        let start: Int64 = row[index]
        let end: Int64 = row[index + 1]
        return TimeSlot(
            start: Date(timeIntervalSince1970: Double(start) / 1000),
            end: Date(timeIntervalSince1970: Double(end) / 1000))
    }

    /// An operator's appointments overlapping [from, to), by start: their to-do list (R15).
    public func todo(operatorID: String, from: Date, to: Date) async throws -> TodoList {
        try await database.read { db in
            guard let person = try OperatorRecord.fetchOne(db, key: operatorID) else {
                throw AvailabilityError.operatorsNotFound([operatorID])
            }
            let appointments =
                try AppointmentRecord
                .filter(AppointmentRecord.Columns.operatorID == operatorID)
                .filter(AppointmentRecord.Columns.state == AppointmentRecord.State.scheduled.rawValue)
                .filter(AppointmentRecord.Columns.start < to && AppointmentRecord.Columns.end > from)
                .order(AppointmentRecord.Columns.start).fetchAll(db)
            return TodoList(
                operatorID: person.id, operatorName: person.name, from: from, to: to, appointments: appointments)
        }
    }
}
