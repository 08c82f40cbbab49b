import Foundation
import ServiceKit

/// The calendar view (day or week) of an operator's appointments: one column per day, each
/// appointment a block placed by its time between ``firstHour`` and ``lastHour``.
struct CalendarPageModel {
    /// The grid's first hour: field work rarely starts earlier.
    static let firstHour = 7
    /// The grid ends at this hour (exclusive).
    static let lastHour = 20

    /// An appointment's block.
    struct Block {
        /// The appointment's page.
        var href: String
        /// `09:00–10:30`.
        var time: String
        /// The planner's title of the appointment.
        var title: String
        /// The customer visited.
        var customer: String
        /// The activity type's colour.
        var colour: String
        /// `top: …%; height: …%` inside the day's column.
        var style: String
    }

    /// One day of the grid.
    struct Column {
        /// The weekday and date.
        var label: String
        /// Whether the column is today's, which the page marks.
        var isToday: Bool
        /// The day's appointments, earliest first.
        var blocks: [Block]
    }

    /// A row label of the grid.
    struct Hour {
        /// `07:00`.
        var label: String
    }

    /// Whose appointments, in words.
    var whose: String
    /// The day/week switcher.
    var ranges: [TodoPageModel.Link]
    /// The previous day or week.
    var previousHref: String
    /// The range that holds today.
    var todayHref: String
    /// The next day or week.
    var nextHref: String
    /// The same range as a list.
    var listHref: String
    /// The grid's hour labels.
    var hours: [Hour]
    /// One column per day of the range.
    var columns: [Column]
    /// Whether the range is a week (seven narrow columns) rather than a day.
    var isWeek: Bool

    /// The block's position: minutes from `firstHour` over the visible span, clamped to it.
    static func style(start: Date, end: Date, dayStart: Date, colour: String) -> String {
        let span = Double((lastHour - firstHour) * 60)
        let from = start.timeIntervalSince(dayStart) / 60 - Double(firstHour * 60)
        let to = end.timeIntervalSince(dayStart) / 60 - Double(firstHour * 60)
        let top = max(0, min(span, from))
        let bottom = max(0, min(span, to))
        let height = max(bottom - top, span / 48)
        return String(format: "top: %.2f%%; height: %.2f%%", top / span * 100, height / span * 100)
            + "; --type-colour: \(colour)"
    }
}
