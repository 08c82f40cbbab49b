public import Foundation

/// An operator's working hours (R6): for each ISO weekday (1 = Monday) the local intervals they
/// work, possibly several a day (08:00–12:00 and 13:00–17:00 around lunch).
///
/// Turning them into instants day by day (`slots(on:in:)`) keeps them right on DST days; the
/// scheduling rules then need no notion of weekdays or time zones.
public struct WorkingWeek: Sendable, Hashable {
    /// One local interval [start, end) of a working day.
    public struct Interval: Sendable, Equatable, Hashable, Codable {
        /// When the interval begins, local time.
        public var start: LocalTime
        /// When it ends, local time.
        public var end: LocalTime
        /// The local interval [start, end).
        public init(start: LocalTime, end: LocalTime) {
            self.start = start
            self.end = end
        }
    }

    /// Intervals by ISO weekday, sorted by start; a missing weekday is a day off.
    public var days: [Int: [Interval]]

    /// A week from intervals by ISO weekday, sorted here by start.
    public init(days: [Int: [Interval]]) {
        self.days = days.mapValues { $0.sorted { $0.start < $1.start } }
    }

    /// Monday to Friday 08:00–12:00 and 13:00–17:00: what a newly known operator gets, so the
    /// board works before anybody has set hours.
    public static let standard = WorkingWeek(
        days: Dictionary(
            uniqueKeysWithValues: (1...5).map {
                (
                    $0,
                    [
                        Interval(start: LocalTime(hour: 8), end: LocalTime(hour: 12)),
                        Interval(start: LocalTime(hour: 13), end: LocalTime(hour: 17))
                    ]
                )
            }))

    /// The intervals of `day` in `timeZone`.
    public func slots(on day: LocalDate, in timeZone: TimeZone) -> [TimeSlot] {
        (days[day.isoWeekday] ?? []).map {
            TimeSlot(start: day.instant(at: $0.start, in: timeZone), end: day.instant(at: $0.end, in: timeZone))
        }
    }

    /// The working intervals from the day before `from`'s day to `to`'s day, with touching ones
    /// merged (Monday 18:00–24:00 + Tuesday 00:00–06:00 is one night shift).
    public func slots(from: Date, to: Date, in timeZone: TimeZone) -> [TimeSlot] {
        var instants = LocalInstants(timeZone: timeZone)
        return slots(from: from, to: to, using: &instants)
    }

    /// `slots(from:to:in:)` through a cache of instants shared by many operators.
    public func slots(from: Date, to: Date, using instants: inout LocalInstants) -> [TimeSlot] {
        let first = LocalDate(containing: from, in: instants.timeZone).adding(days: -1)
        let last = LocalDate(containing: to, in: instants.timeZone)
        guard first <= last else { return [] }
        var all: [TimeSlot] = []
        for dayNumber in first.dayNumber...last.dayNumber {
            let day = LocalDate(dayNumber: dayNumber)
            for interval in days[day.isoWeekday] ?? [] {
                all.append(
                    TimeSlot(start: instants.instant(day, interval.start), end: instants.instant(day, interval.end)))
            }
        }
        return IntervalMath.merged(all)
    }
}
