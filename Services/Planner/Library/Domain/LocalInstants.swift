public import Foundation

/// Turns (local day, local time) into instants through `Calendar`, remembering each answer.
///
/// Generating a year of presences for thousands of operators asks the same few questions
/// ("08:00 on 2030-03-31 in Rome") over and over; `Calendar` is slow enough that asking it once
/// per distinct question is what makes generation fast, and it stays the only source of truth
/// about DST.
public struct LocalInstants: Sendable {
    /// The company's time zone the answers are in.
    public let timeZone: TimeZone
    private var cache: [Int: Date] = [:]

    /// An empty memory for `timeZone`.
    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// `time` on `day` in the time zone (see `LocalDate.instant(at:in:)`).
    public mutating func instant(_ day: LocalDate, _ time: LocalTime) -> Date {
        let key = day.dayNumber * 2000 + time.minutes
        if let known = cache[key] { return known }
        let instant = day.instant(at: time, in: timeZone)
        cache[key] = instant
        return instant
    }

    /// The local day `instant` falls on, from cached midnights (the same answer as
    /// `LocalDate(containing:in:)` for any offset under 24 hours, without asking `Calendar`
    /// each time).
    public mutating func day(containing instant: Date) -> LocalDate {
        let midnight = LocalTime(minutes: 0)
        let day = LocalDate(dayNumber: Int((instant.timeIntervalSince1970 / 86_400).rounded(.down)))
        if instant < self.instant(day, midnight) { return day.adding(days: -1) }
        let next = day.adding(days: 1)
        return instant >= self.instant(next, midnight) ? next : day
    }
}

extension PresenceRecurrence {
    /// `slot(on:in:)` through a cache of instants.
    public func slot(on day: LocalDate, using instants: inout LocalInstants) -> TimeSlot {
        let start = instants.instant(day, startTime)
        let end = crossesMidnight ? instants.instant(day.adding(days: 1), endTime) : instants.instant(day, endTime)
        return TimeSlot(start: start, end: end)
    }
}
