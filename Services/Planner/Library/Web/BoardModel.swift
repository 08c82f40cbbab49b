import Foundation
import PlannerDomain

/// Everything the board shows, computed once on the server: the page template renders it (for
/// `GET /board`, and for `GET /board/fragment`, which `board.js` swaps in after a live update),
/// and `GET /api/board` sends it as JSON to scripts and integrations. Positions, labels and
/// colours are all decided here, so the browser never does time-zone arithmetic.
struct BoardModel: Sendable, Encodable {
    /// A day in the header (one in the day view, seven in the week view).
    struct Day: Sendable, Encodable {
        /// The day, `YYYY-MM-DD`.
        var date: String
        /// The day as the header writes it, in the user's language.
        var label: String
        /// Today's day is highlighted.
        var isToday: Bool
        /// The half-hour columns the day spans.
        var span: Int
    }

    /// An hour label in the header, spanning its two half-hour cells.
    struct Hour: Sendable, Encodable {
        /// The hour as the header writes it (`08:00`).
        var label: String
        /// The half-hour columns the hour spans (two, fewer at a clipped edge).
        var span: Int
        /// First hour of a day: the header draws a day separator before it.
        var dayStart: Bool
    }

    /// A half-hour column: when it starts (for drops) and how it is read aloud.
    struct Slot: Sendable, Encodable {
        /// When the column starts (RFC 3339): where a drop on it schedules.
        var start: String
        /// The column's day and time as a screen reader says them.
        var label: String
        /// The first column of a day: the grid draws a separator before it.
        var dayStart: Bool
    }

    /// One operator's cell. Only the shade and reason go into `GET /api/board`'s JSON; a client
    /// takes the start and label from `slots`, which keeps a week of fifty technicians small.
    struct Cell: Sendable, Encodable {
        /// White, grey or off duty.
        var shade: BoardAvailability.Shade
        /// Why the cell is grey (the holiday's name, the absence's reason), shown as its tooltip.
        var reason: String?
        /// When the cell starts (RFC 3339): where a drop on it schedules.
        var start: String
        /// The operator, the time and the shade as a screen reader says them.
        var label: String
        /// The first cell of a day: the grid draws a separator before it.
        var dayStart: Bool

        /// Only what a client cannot derive from `slots`.
        enum CodingKeys: String, CodingKey {
            /// Maps the cell's `shade` and `reason` to JSON members of the same names.
            case shade, reason
        }
    }

    /// An appointment bar, placed in percent of the row so it need not align with cells.
    struct Bar: Sendable, Encodable {
        /// The appointment's id: moves and unschedules name it.
        var id: String
        /// The call it is for; nil for a direct appointment.
        var ticketID: String?
        /// What the bar says.
        var title: String
        /// The activity type's name, in the tooltip.
        var typeName: String
        /// The local start and end (`09:00–10:30`).
        var timeLabel: String
        /// When the visit begins (RFC 3339), for moves.
        var start: String
        /// When it ends (RFC 3339), for resizes.
        var end: String
        /// The visit's length, for the drop preview.
        var minutes: Int
        /// Where the bar begins, in percent of the row.
        var left: Double
        /// How wide it is, in percent of the row.
        var width: Double
        /// Its background: the activity type's (or state's) colour.
        var colour: String
        /// Black or white, whichever reads on `colour`.
        var textColour: String
        /// The appointment's state, as a class name.
        var state: String
        /// The state in words, for the accessible name.
        var stateLabel: String
        /// The bar's accessible name: title, day, times and state.
        var label: String
        /// The bar starts or ends outside the visible hours (drawn with a cut edge).
        var clippedStart: Bool
        /// The bar ends after the visible hours.
        var clippedEnd: Bool
    }

    /// One technician's row.
    struct Row: Sendable, Encodable {
        /// Whose row: drops on it schedule for them.
        var operatorID: String
        /// The technician's name.
        var name: String
        /// Their groups, joined for the row's heading.
        var groupsLabel: String
        /// One per column.
        var cells: [Cell]
        /// Their appointments in the shown range, by start.
        var bars: [Bar]
    }

    /// An unscheduled call in the lower grid.
    struct Call: Sendable, Encodable {
        /// The ticket: a drop schedules it.
        var ticketID: String
        /// The ticket's number.
        var number: String
        /// Who the visit is for.
        var customerName: String
        /// What the back office wrote.
        var description: String
        /// The activity type's name.
        var typeName: String
        /// The card's accent: the type's (or state's) colour.
        var colour: String
        /// Black or white, whichever reads on `colour`.
        var textColour: String
        /// The visit's expected length: a drop's default.
        var minutes: Int
        /// The length in words (`1 h 30 min`).
        var durationLabel: String
        /// The site's zone.
        var zone: String?
        /// When the ticket was opened, in words.
        var openedLabel: String
        /// The technician's note when their report asked for another visit (R18), so whoever
        /// schedules the next one reads why.
        var visitNote: String?
        /// The card's accessible name.
        var label: String
        /// The accessible name of the card's "Suggest" button.
        var suggestLabel: String
    }

    /// A group in the list on the right.
    struct Group: Sendable, Encodable {
        /// The group's name (or the colour mode's).
        var name: String
        /// The board showing only that group (or in that mode).
        var href: String
        /// The one shown now.
        var current: Bool
    }

    /// An activity type in the legend.
    struct LegendItem: Sendable, Encodable {
        /// The activity type's (or state's) name.
        var name: String
        /// Its colour.
        var colour: String
    }

    /// Links of the toolbar.
    struct Links: Sendable, Encodable {
        /// The day or week before.
        var previous: String
        /// The day or week after.
        var next: String
        /// Today, in the same view.
        var today: String
        /// The shown date in the day view.
        var day: String
        /// The shown date's week.
        var week: String
        /// The accessible name of the "previous" arrow.
        var previousLabel: String
        /// The accessible name of the "next" arrow.
        var nextLabel: String
    }

    /// `day` or `week`.
    var view: String
    /// For the template, which cannot compare strings.
    var isWeek: Bool
    /// The requested day, `YYYY-MM-DD`.
    var date: String
    /// The chosen group; nil shows everybody.
    var group: String?
    /// The shown day or week in words.
    var heading: String
    /// Minutes per cell (30).
    var slotMinutes: Int
    /// Cells per row, all days together.
    var columns: Int
    /// Cells per day: the visible working day in half-hours.
    var cellsPerDay: Int
    /// Header days.
    var days: [Day]
    /// Header hours.
    var hours: [Hour]
    /// One per column: start and spoken label.
    var slots: [Slot]
    /// The technicians.
    var rows: [Row]
    /// The lower grid: one page of the filtered queue.
    var calls: [Call]
    /// How many calls match the queue's filters (shown beside the heading).
    var callCount: Int
    /// Whether the lower grid has any card (Mustache treats 0 as true).
    var hasCalls: Bool
    /// The queue's filters, counts per value and page links.
    var queue: BoardQueueView
    /// The list on the right.
    var groups: [Group]
    /// Activity types (or states, R3) and their colours.
    var legend: [LegendItem]
    /// The two colour modes (by type, by state), as links like the groups'.
    var colourModes: [Group]
    /// Toolbar links.
    var links: Links
    /// The board's change counter when this was read; the page compares it with the events.
    var version: String
    /// The query string of this board, queue filters and page included, for `/board/fragment` refreshes.
    var query: String
}
