import Foundation

/// Everything the board shows, computed once on the server: the page template renders it (for
/// `GET /board`, and for `GET /board/fragment`, which `board.js` swaps in after a live update),
/// and `GET /api/board` sends it as JSON to scripts and integrations. Positions, labels and
/// colours are all decided here, so the browser never does time-zone arithmetic.
struct BoardModel: Sendable, Encodable {
    /// A day in the header (one in the day view, seven in the week view).
    struct Day: Sendable, Encodable {
    /// The requested day, `YYYY-MM-DD`.
        var date: String
        var label: String
        var isToday: Bool
        var span: Int
    }

    /// An hour label in the header, spanning its two half-hour cells.
    struct Hour: Sendable, Encodable {
        var label: String
        var span: Int
        /// First hour of a day: the header draws a day separator before it.
        var dayStart: Bool
    }

    /// A half-hour column: when it starts (for drops) and how it is read aloud.
    struct Slot: Sendable, Encodable {
        var start: String
        var label: String
        var dayStart: Bool
    }

    /// One operator's cell. Only the shade and reason go into the JSON; the script takes the
    /// start and label from `slots`, which keeps a week of fifty technicians small.
    struct Cell: Sendable, Encodable {
        var shade: BoardAvailability.Shade
        var reason: String?
        var start: String
        var label: String
        var dayStart: Bool

        /// Only what the script cannot derive from `slots`.
        enum CodingKeys: String, CodingKey { case shade, reason }
    }

    /// An appointment bar, placed in percent of the row so it need not align with cells.
    struct Bar: Sendable, Encodable {
        var id: String
        var ticketID: String?
        var title: String
        var typeName: String
        var timeLabel: String
        var start: String
        var end: String
        var minutes: Int
        var left: Double
        var width: Double
        var colour: String
        var textColour: String
        var state: String
        var stateLabel: String
        var label: String
        /// The bar starts or ends outside the visible hours (drawn with a cut edge).
        var clippedStart: Bool
        var clippedEnd: Bool
    }

    /// One technician's row.
    struct Row: Sendable, Encodable {
        var operatorID: String
        var name: String
        var groupsLabel: String
        var cells: [Cell]
        var bars: [Bar]
    }

    /// An unscheduled call in the lower grid.
    struct Call: Sendable, Encodable {
        var ticketID: String
        var number: String
        var customerName: String
        var description: String
        var typeName: String
        var colour: String
        var textColour: String
        var minutes: Int
        var durationLabel: String
        var zone: String?
        var openedLabel: String
        /// The technician's note when their report asked for another visit (R18), so whoever
        /// schedules the next one reads why.
        var visitNote: String?
        var label: String
        /// The accessible name of the card's "Suggest" button.
        var suggestLabel: String
    }

    /// A group in the list on the right.
    struct Group: Sendable, Encodable {
        var name: String
        var href: String
        var current: Bool
    }

    /// An activity type in the legend.
    struct LegendItem: Sendable, Encodable {
        var name: String
        var colour: String
    }

    /// Links of the toolbar.
    struct Links: Sendable, Encodable {
        var previous: String
        var next: String
        var today: String
        var day: String
        var week: String
        var previousLabel: String
        var nextLabel: String
    }

    /// `day` or `week`.
    var view: String
    /// For the template, which cannot compare strings.
    var isWeek: Bool
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
