public import Foundation

/// On which days a presence rule puts an operator at a site, and from when to when (R8).
///
/// Pure: `occurs(on:)` and `slot(on:in:)` are what "generate recurrences" runs for every day of
/// the requested range; the store only writes what they return.
///
/// - `daily`: every `interval` days counted from `validFrom`, optionally only on `weekdays`.
/// - `weekly`: on `weekdays`, every `interval` weeks counted from the ISO week of `validFrom`.
/// - `monthly`: on `dayOfMonth`, every `interval` months counted from the month of `validFrom`.
///   A month without that day (31 in April, 30 in February) is skipped, not moved to its last
///   day: a maintenance visit "every month on the 31st" happens only in the long months, and a
///   back office that wants "last day of the month" should pick 28.
public struct PresenceRecurrence: Sendable, Equatable {
    /// How often the rule repeats.
    public enum Frequency: String, Codable, Sendable, CaseIterable {
        /// `daily`: every `interval` days; `weekly`: on `weekdays` every `interval` weeks; `monthly`: on
        /// `dayOfMonth` every `interval` months (see the type's notes for how each counts from `validFrom`).
        case daily, weekly, monthly
    }

    /// Daily, weekly or monthly.
    public var frequency: Frequency
    /// Every `interval` days, weeks or months.
    public var interval: Int
    /// ISO weekdays (1 = Monday) the rule applies on.
    public var weekdays: Set<Int>
    /// For `monthly`: the day of the month.
    public var dayOfMonth: Int?
    /// When each presence begins, local time.
    public var startTime: LocalTime
    /// When it ends; not after `startTime`: on the next day.
    public var endTime: LocalTime
    /// The first day the rule applies, and where intervals are counted from.
    public var validFrom: LocalDate
    /// The last day it applies; nil: open-ended.
    public var validTo: LocalDate?

    /// A recurrence; plain daily and weekly rules leave `interval` at 1.
    public init(
        frequency: Frequency, interval: Int = 1, weekdays: Set<Int> = [], dayOfMonth: Int? = nil,
        startTime: LocalTime, endTime: LocalTime, validFrom: LocalDate, validTo: LocalDate? = nil
    ) {
        self.frequency = frequency
        self.interval = interval
        self.weekdays = weekdays
        self.dayOfMonth = dayOfMonth
        self.startTime = startTime
        self.endTime = endTime
        self.validFrom = validFrom
        self.validTo = validTo
    }

    /// Whether the presence ends on the next day (night shift); a rule whose end is not after
    /// its start crosses midnight.
    public var crossesMidnight: Bool { endTime <= startTime }

    /// Whether a presence starts on `day`.
    public func occurs(on day: LocalDate) -> Bool {
        guard day >= validFrom, validTo.map({ day <= $0 }) ?? true else { return false }
        let step = max(1, interval)
        switch frequency {
        case .daily:
            return (day.dayNumber - validFrom.dayNumber) % step == 0
                && (weekdays.isEmpty || weekdays.contains(day.isoWeekday))
        case .weekly:
            guard weekdays.contains(day.isoWeekday) else { return false }
            let weeks = (Self.monday(of: day) - Self.monday(of: validFrom)) / 7
            return weeks % step == 0
        case .monthly:
            guard let dayOfMonth, day.day == dayOfMonth else { return false }
            return (day.monthNumber - validFrom.monthNumber) % step == 0
        }
    }

    /// The presence starting on `day`, as instants computed in `timeZone`: local 08:00–17:00 is
    /// 9 hours on every day, including DST change days; a night shift 22:00–06:00 is 7 hours on
    /// the spring-forward night and 9 on the fall-back one, as the clock on the wall says.
    public func slot(on day: LocalDate, in timeZone: TimeZone) -> TimeSlot {
        let start = day.instant(at: startTime, in: timeZone)
        let end =
            crossesMidnight
            ? day.adding(days: 1).instant(at: endTime, in: timeZone)
            : day.instant(at: endTime, in: timeZone)
        return TimeSlot(start: start, end: end)
    }

    /// All presences starting in [from, to], in order.
    public func slots(from: LocalDate, to: LocalDate, in timeZone: TimeZone) -> [TimeSlot] {
        guard from <= to else { return [] }
        return (from.dayNumber...to.dayNumber).lazy
            .map(LocalDate.init(dayNumber:))
            .filter(occurs(on:))
            .map { slot(on: $0, in: timeZone) }
            .filter { $0.end > $0.start }
    }

    private static func monday(of day: LocalDate) -> Int { day.dayNumber - (day.isoWeekday - 1) }
}
