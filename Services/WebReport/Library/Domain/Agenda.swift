package import Foundation

/// The to-do list's days (R15): what lies in the chosen range, earliest first, with everything
/// still open from before today shown under today so nothing late is hidden. Pure: entries, the
/// clock and the zone in, days out.
package enum Agenda {
    /// One day or one week from the chosen day.
    package enum Range: String, Sendable, CaseIterable {
        /// The two ranges the list and the calendar show.
        case day, week

        /// How many days the range covers.
        package var days: Int { self == .day ? 1 : 7 }
    }

    /// Something on the list: an appointment or a deadline.
    package struct Entry<Payload: Sendable>: Sendable {
        /// When it is due or starts: where it goes on the list.
        package var at: Date
        /// What the list shows for it.
        package var payload: Payload

        /// An entry due or starting `at`, shown as `payload`: the pages and tests build them.
        package init(at: Date, payload: Payload) {
            self.at = at
            self.payload = payload
        }
    }

    /// A day with its entries; `entries` of earlier days that are still open come first on today.
    package struct Day<Payload: Sendable>: Sendable {
        /// The day's local midnight.
        package var start: Date
        /// Whether this is today, which collects what is overdue.
        package var isToday: Bool
        /// The day's entries, earliest first.
        package var entries: [Entry<Payload>]
        /// Entries from before today (only on today's day).
        package var overdue: [Entry<Payload>]
    }

    /// The start of the local day containing `date`.
    package static func startOfDay(_ date: Date, in timeZone: TimeZone) -> Date {
        calendar(timeZone).startOfDay(for: date)
    }

    /// The end (exclusive) of a range that starts on `firstDay`'s local day.
    package static func end(of range: Range, from firstDay: Date, in timeZone: TimeZone) -> Date {
        calendar(timeZone).date(byAdding: .day, value: range.days, to: startOfDay(firstDay, in: timeZone)) ?? firstDay
    }

    /// The days of `range` from `firstDay`, each with its entries in time order; open entries
    /// from before today go on today when today is in the range.
    package static func days<Payload>(
        _ entries: [Entry<Payload>], range: Range, from firstDay: Date, now: Date, timeZone: TimeZone
    ) -> [Day<Payload>] {
        let calendar = calendar(timeZone)
        let first = calendar.startOfDay(for: firstDay)
        let today = calendar.startOfDay(for: now)
        let sorted = entries.sorted { $0.at < $1.at }
        return (0..<range.days).compactMap { offset in
            guard let start = calendar.date(byAdding: .day, value: offset, to: first),
                let end = calendar.date(byAdding: .day, value: 1, to: start)
            else { return nil }
            let isToday = start == today
            return Day(
                start: start, isToday: isToday,
                entries: sorted.filter { $0.at >= start && $0.at < end },
                overdue: isToday ? sorted.filter { $0.at < start } : [])
        }
    }

    /// A Gregorian calendar in the company's zone, weeks starting on Monday.
    package static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        return calendar
    }
}
