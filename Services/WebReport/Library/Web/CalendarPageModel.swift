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
        var href: String
        var time: String
        var title: String
        var customer: String
        var colour: String
        /// `top: …%; height: …%` inside the day's column.
        var style: String
    }

    struct Column {
        var label: String
        var isToday: Bool
        var blocks: [Block]
    }

    struct Hour {
        var label: String
    }

    var whose: String
    var ranges: [TodoPageModel.Link]
    var previousHref: String
    var todayHref: String
    var nextHref: String
    var listHref: String
    var hours: [Hour]
    var columns: [Column]
    var isWeek: Bool

    /// The block's position: minutes from `firstHour` over the visible span, clamped to it.
    static func style(start: Date, end: Date, dayStart: Date, colour: String) -> String {
        let span = Double((lastHour - firstHour) * 60)
        let from = start.timeIntervalSince(dayStart) / 60 - Double(firstHour * 60)
        let to = end.timeIntervalSince(dayStart) / 60 - Double(firstHour * 60)
        let top = max(0, min(span, from)), bottom = max(0, min(span, to))
        let height = max(bottom - top, span / 48)
        return String(format: "top: %.2f%%; height: %.2f%%", top / span * 100, height / span * 100) + "; --type-colour: \(colour)"
    }
}
