import Foundation
import PlannerDomain
import ServiceKit

/// Turns a `BoardSnapshot` into the `BoardModel` the page and the script render: which days and
/// half-hours are columns, which technicians are rows, where each bar sits and what colour it
/// is, how every cell is shaded and read aloud, in the user's language and the company's time
/// zone. Pure: no I/O, no clock (today is passed in).
struct BoardBuilder {
    /// Minutes per cell: the board's resolution for drops and resizes.
    static let slotMinutes = 30
    /// The working day shown when no working hours are recorded (08:00–18:00).
    static let defaultDay = (8 * 60)...(18 * 60)
    /// The colour of appointments created directly on the planner, without a call (R13).
    static let directColour = "#5b6577"

    /// Which days, view and group.
    let query: BoardQuery
    /// The user's language, for every label.
    let language: PageLanguage
    /// The board's words in `language`.
    let strings: [String: String]
    /// The company's time zone.
    let timeZone: TimeZone
    /// Now, from the injected clock: marks today's column and the "Today" link.
    let today: Date

    /// A builder for one request; cheap, made per request.
    init(query: BoardQuery, language: PageLanguage, strings: PageStrings, timeZone: TimeZone, today: Date) {
        self.query = query
        self.language = language
        self.strings = strings.table(for: language)
        self.timeZone = timeZone
        self.today = today
    }

    /// The company's calendar (weeks from Monday).
    var calendar: Calendar { BoardQuery.calendar(timeZone) }

    /// The days shown: the query's day, or Monday to Sunday of its week.
    var days: [Date] {
        let calendar = self.calendar
        let day = calendar.date(from: query.day).map { calendar.startOfDay(for: $0) } ?? calendar.startOfDay(for: today)
        switch query.view {
        case .day:
            return [day]
        case .week:
            let monday = calendar.dateInterval(of: .weekOfYear, for: day)?.start ?? day
            return (0..<7).compactMap { calendar.date(byAdding: .day, value: $0, to: monday) }
        }
    }

    /// From the first shown midnight to the midnight after the last: what `BoardReader` reads.
    var range: DateInterval {
        let days = self.days
        let start = days.first ?? today
        let end = days.last.flatMap { calendar.date(byAdding: .day, value: 1, to: $0) } ?? start
        return DateInterval(start: start, end: end)
    }

    // MARK: Building

    /// The whole board for `snapshot`.
    func build(_ snapshot: BoardSnapshot) -> BoardModel {
        let days = self.days
        let rowsOperators = snapshot.operators
            .filter { $0.active && (query.group == nil || $0.groups.contains(query.group ?? "")) }
            .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        let shownIDs = Set(rowsOperators.map(\.id))
        let appointments = snapshot.appointments.filter { shownIDs.contains($0.operatorID) }
        let window = visibleWindow(availability: snapshot.availability, appointments: appointments)
        let cellsPerDay = (window.upperBound - window.lowerBound) / Self.slotMinutes
        let geometry = Geometry(days: days, window: window, calendar: calendar)

        let formats = Formats(language: language, timeZone: timeZone)
        var slots: [BoardModel.Slot] = []
        var slotStarts: [Date] = []
        for (dayIndex, _) in days.enumerated() {
            for cell in 0..<cellsPerDay {
                let start = geometry.dayStarts[dayIndex].addingTimeInterval(TimeInterval(cell * Self.slotMinutes * 60))
                slotStarts.append(start)
                slots.append(
                    BoardModel.Slot(
                        start: APIJSON.format(start), label: formats.slot(start), dayStart: cell == 0 && dayIndex > 0))
            }
        }

        let shadeLabels: [BoardAvailability.Shade: String] = [
            .present: text("statePresent"), .absent: text("stateAbsent"), .away: text("stateAway")
        ]
        let rows = rowsOperators.map { person -> BoardModel.Row in
            let cells = slots.indices.map { index -> BoardModel.Cell in
                let slot = TimeSlot(start: slotStarts[index], minutes: Self.slotMinutes)
                let (shade, reason) = snapshot.availability.shade(of: slot, for: person.id)
                var label = "\(person.name), \(slots[index].label), \(shadeLabels[shade] ?? "")"
                if let reason { label += " (\(reason))" }
                return BoardModel.Cell(
                    shade: shade, reason: reason, start: slots[index].start, label: label,
                    dayStart: slots[index].dayStart)
            }
            let bars =
                appointments
                .filter { $0.operatorID == person.id }
                .sorted { $0.start < $1.start }
                .compactMap {
                    bar(for: $0, snapshot: snapshot, geometry: geometry, cellsPerDay: cellsPerDay, formats: formats)
                }
            return BoardModel.Row(
                operatorID: person.id, name: person.name, groupsLabel: person.groups.joined(separator: ", "),
                cells: cells, bars: bars)
        }

        let calls = snapshot.unscheduled.map { call(for: $0, snapshot: snapshot, formats: formats) }
        let groupNames = Set(snapshot.operators.filter(\.active).flatMap(\.groups))
            .sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        let groups =
            [
                BoardModel.Group(
                    name: text("allGroups"), href: "?" + query.queryString(group: .some(nil)),
                    current: query.group == nil)
            ]
            + groupNames.map {
                BoardModel.Group(name: $0, href: "?" + query.queryString(group: .some($0)), current: query.group == $0)
            }
        let legend =
            switch query.colours {
            case .type:
                snapshot.activityTypes.values.filter(\.active)
                    .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
                    .map { BoardModel.LegendItem(name: $0.name, colour: Self.safeColour($0.colour)) }
            case .state:
                snapshot.states.values.filter(\.active)
                    .sorted { ($0.position, $0.code) < ($1.position, $1.code) }
                    .map { BoardModel.LegendItem(name: $0.name, colour: Self.safeColour($0.colour)) }
            }
        let fullLegend = legend + [BoardModel.LegendItem(name: text("directAppointment"), colour: Self.directColour)]
        let colourModes = BoardQuery.Colours.allCases.map { mode in
            BoardModel.Group(
                name: text(mode == .type ? "coloursByType" : "coloursByState"),
                href: "?" + query.queryString(colours: mode), current: query.colours == mode)
        }

        let todayComponents = calendar.dateComponents([.year, .month, .day], from: today)
        return BoardModel(
            view: query.view.rawValue,
            isWeek: query.view == .week,
            date: BoardQuery.format(query.day),
            group: query.group,
            heading: heading(days: days, formats: formats),
            slotMinutes: Self.slotMinutes,
            columns: slots.count,
            cellsPerDay: cellsPerDay,
            days: days.map { day in
                let components = calendar.dateComponents([.year, .month, .day], from: day)
                return BoardModel.Day(
                    date: BoardQuery.format(components),
                    label: query.view == .week ? formats.weekDay(day) : formats.longDay(day),
                    isToday: components == todayComponents, span: cellsPerDay)
            },
            hours: days.indices.flatMap { dayIndex in
                stride(from: 0, to: cellsPerDay, by: 2).map { cell in
                    let start = geometry.dayStarts[dayIndex].addingTimeInterval(
                        TimeInterval(cell * Self.slotMinutes * 60))
                    return BoardModel.Hour(
                        label: query.view == .week ? formats.shortHour(start) : formats.time(start),
                        span: min(2, cellsPerDay - cell), dayStart: cell == 0 && dayIndex > 0)
                }
            },
            slots: slots,
            rows: rows,
            calls: calls,
            callCount: snapshot.queueCounts.total,
            hasCalls: !calls.isEmpty,
            queue: queueView(snapshot, shown: calls.count),
            groups: groups,
            legend: fullLegend,
            colourModes: colourModes,
            links: links(),
            version: snapshot.version,
            query: query.queryString(keepingPage: true))
    }

    /// The hours shown each day: the working window (or 08:00–18:00), widened to include every
    /// shown appointment so nothing is hidden, on half-hour boundaries.
    func visibleWindow(availability: BoardAvailability, appointments: [AppointmentRecord]) -> ClosedRange<Int> {
        var lower = availability.workingWindow?.lowerBound ?? Self.defaultDay.lowerBound
        var upper = availability.workingWindow?.upperBound ?? Self.defaultDay.upperBound
        let calendar = self.calendar
        let range = self.range
        // One calendar breakdown per end (a week has 750 appointments; `startOfDay` twice per
        // appointment was a third of building the board); midnights only for the rare one that
        // ends on a later day.
        let fields: Set<Calendar.Component> = [.year, .month, .day, .hour, .minute]
        for appointment in appointments where appointment.end > range.start && appointment.start < range.end {
            let start = calendar.dateComponents(fields, from: appointment.start)
            let end = calendar.dateComponents(fields, from: appointment.end)
            let sameDay = start.year == end.year && start.month == end.month && start.day == end.day
            if sameDay || appointment.start >= range.start {
                lower = min(lower, (start.hour ?? 0) * 60 + (start.minute ?? 0))
            }
            if sameDay {
                upper = max(upper, (end.hour ?? 0) * 60 + (end.minute ?? 0))
            } else if end.hour == 0, end.minute == 0 {
                let startDay = calendar.startOfDay(for: appointment.start)
                let endDay = calendar.startOfDay(for: appointment.end)
                if endDay > startDay, calendar.date(byAdding: .day, value: 1, to: startDay) == endDay {
                    upper = 24 * 60
                }
            }
        }
        lower = max(0, lower / Self.slotMinutes * Self.slotMinutes)
        upper = min(24 * 60, (upper + Self.slotMinutes - 1) / Self.slotMinutes * Self.slotMinutes)
        if upper <= lower { upper = min(24 * 60, lower + Self.slotMinutes) }
        return lower...upper
    }

    /// Where each visible day starts and ends, and how a moment maps to a (fractional) column.
    struct Geometry {
        /// Each shown day's first visible instant.
        let dayStarts: [Date]
        /// Each shown day's last visible instant.
        let dayEnds: [Date]
        /// Half-hour columns per day.
        let cellsPerDay: Int

        /// Each day's first and last visible instant (DST-safe: wall-clock hours per day).
        init(days: [Date], window: ClosedRange<Int>, calendar: Calendar) {
            func at(_ minutes: Int, of day: Date) -> Date {
                if minutes >= 24 * 60 { return calendar.date(byAdding: .day, value: 1, to: day) ?? day }
                return calendar.date(bySettingHour: minutes / 60, minute: minutes % 60, second: 0, of: day) ?? day
            }
            dayStarts = days.map { at(window.lowerBound, of: $0) }
            dayEnds = days.map { at(window.upperBound, of: $0) }
            cellsPerDay = (window.upperBound - window.lowerBound) / BoardBuilder.slotMinutes
        }

        /// The column `date` falls in (fractional), and whether it had to be pulled into the
        /// visible hours.
        func column(of date: Date) -> (column: Double, clamped: Bool) {
            for index in dayStarts.indices {
                if date < dayStarts[index] { return (Double(index * cellsPerDay), true) }
                if date <= dayEnds[index] {
                    let offset = date.timeIntervalSince(dayStarts[index]) / Double(BoardBuilder.slotMinutes * 60)
                    return (Double(index * cellsPerDay) + min(offset, Double(cellsPerDay)), false)
                }
            }
            return (Double(dayStarts.count * cellsPerDay), true)
        }
    }

    /// A bar for `appointment`, or `nil` when none of it is visible.
    func bar(
        for appointment: AppointmentRecord, snapshot: BoardSnapshot, geometry: Geometry, cellsPerDay: Int,
        formats: Formats
    ) -> BoardModel.Bar? {
        let columns = Double(geometry.dayStarts.count * cellsPerDay)
        guard columns > 0 else { return nil }
        let start = geometry.column(of: appointment.start)
        let end = geometry.column(of: appointment.end)
        guard end.column > start.column else { return nil }
        let call = appointment.ticketID.flatMap { snapshot.callsByTicket[$0] }
        let type = call.flatMap { snapshot.activityTypes[$0.activityTypeID] }
        let colour = call == nil ? Self.directColour : colour(of: call, type: type, snapshot: snapshot)
        let closed = call?.state == .closed
        let state = closed ? "closed" : "scheduled"
        let stateLabel = text(closed ? "stateClosed" : "stateScheduled")
        let timeLabel = "\(formats.time(appointment.start))–\(formats.time(appointment.end))"
        let spoken = "\(formats.slotDay(appointment.start)) \(timeLabel)"
        return BoardModel.Bar(
            id: appointment.id, ticketID: appointment.ticketID, title: appointment.title,
            typeName: call?.activityTypeName ?? text("directAppointment"),
            timeLabel: timeLabel,
            start: APIJSON.format(appointment.start), end: APIJSON.format(appointment.end),
            minutes: appointment.slot.minutes,
            left: Self.percent(start.column / columns),
            width: Self.percent((end.column - start.column) / columns),
            colour: colour, textColour: Self.textColour(on: colour),
            state: state, stateLabel: stateLabel,
            label: fill("barLabel", ["title": appointment.title, "time": spoken, "state": stateLabel]),
            clippedStart: start.clamped, clippedEnd: end.clamped)
    }

    /// A call's colour: its type's, or its ticket's state's when the board colours by state (R3);
    /// the neutral colour when the planner does not know the type or state yet.
    func colour(of call: QueueEntry?, type: ActivityTypeRecord?, snapshot: BoardSnapshot) -> String {
        switch query.colours {
        case .type:
            return type.map { Self.safeColour($0.colour) } ?? Self.fallbackColour
        case .state:
            let stateID = call?.stateID ?? snapshot.initialStateID
            return stateID.flatMap { snapshot.states[$0] }.map { Self.safeColour($0.colour) } ?? Self.fallbackColour
        }
    }

    /// A card of the lower grid.
    func call(for entry: QueueEntry, snapshot: BoardSnapshot, formats: Formats) -> BoardModel.Call {
        let colour = colour(of: entry, type: snapshot.activityTypes[entry.activityTypeID], snapshot: snapshot)
        let duration = durationLabel(entry.expectedDurationMinutes)
        return BoardModel.Call(
            ticketID: entry.ticketID, number: entry.number, customerName: entry.customerName,
            description: entry.description, typeName: entry.activityTypeName, colour: colour,
            textColour: Self.textColour(on: colour), minutes: entry.expectedDurationMinutes,
            durationLabel: duration, zone: entry.siteZone, openedLabel: formats.opened(entry.openedAt),
            visitNote: entry.visitNote.flatMap { $0.isEmpty ? nil : $0 },
            label: fill(
                "callLabel",
                [
                    "number": entry.number, "customer": entry.customerName, "type": entry.activityTypeName,
                    "duration": duration
                ]),
            suggestLabel: fill("suggestFor", ["title": "\(entry.number) · \(entry.customerName)"]))
    }

    /// "Monday 2 March 2026", or "2 March – 8 March 2026" for a week.
    func heading(days: [Date], formats: Formats) -> String {
        guard let first = days.first else { return "" }
        if days.count == 1 { return formats.longDay(first) }
        return "\(formats.dayMonth(first)) – \(formats.dayMonthYear(days.last ?? first))"
    }

    /// Previous/next/today and day/week links keeping the group.
    func links() -> BoardModel.Links {
        let calendar = self.calendar
        let step = query.view == .week ? 7 : 1
        func shifted(_ days: Int) -> DateComponents {
            guard let date = calendar.date(from: query.day),
                let moved = calendar.date(byAdding: .day, value: days, to: date)
            else { return query.day }
            return calendar.dateComponents([.year, .month, .day], from: moved)
        }
        let todayComponents = calendar.dateComponents([.year, .month, .day], from: today)
        return BoardModel.Links(
            previous: "?" + query.queryString(day: shifted(-step)),
            next: "?" + query.queryString(day: shifted(step)),
            today: "?" + query.queryString(day: todayComponents),
            day: "?" + query.queryString(view: .day),
            week: "?" + query.queryString(view: .week),
            previousLabel: text(query.view == .week ? "previousWeek" : "previousDay"),
            nextLabel: text(query.view == .week ? "nextWeek" : "nextDay"))
    }

    /// "45 min", "1 h", "1 h 30 min".
    func durationLabel(_ minutes: Int) -> String {
        if minutes < 60 { return "\(minutes) \(text("minutesShort"))" }
        if minutes % 60 == 0 { return fill("hours", ["hours": "\(minutes / 60)"]) }
        return fill("hoursMinutes", ["hours": "\(minutes / 60)", "minutes": "\(minutes % 60)"])
    }

    /// A word in the user's language.
    func text(_ key: String) -> String { strings[key] ?? key }

    /// A string with `{name}` placeholders filled in, in one pass over the words (every bar's
    /// spoken label is filled: Foundation's `replacingOccurrences` per placeholder was a tenth
    /// of building a week). A value is inserted as it is, never searched for placeholders; a
    /// brace without a known name stays.
    func fill(_ key: String, _ values: [String: String]) -> String {
        let words = text(key)
        var filled = ""
        filled.reserveCapacity(words.utf8.count + 64)
        var rest = words[...]
        while let open = rest.firstIndex(of: "{") {
            filled += rest[..<open]
            let name = rest[rest.index(after: open)...]
            if let close = name.firstIndex(of: "}"), let value = values[String(name[..<close])] {
                filled += value
                rest = name[name.index(after: close)...]
            } else {
                filled += "{"
                rest = name
            }
        }
        filled += rest
        return filled
    }

    // MARK: Colours

    /// The colour of a call whose activity type the planner has not heard of yet.
    static let fallbackColour = "#7a869a"

    /// Only `#rgb`/`#rrggbb` reach a `style` attribute; anything else (a typo, an injection
    /// attempt in setup data) becomes the neutral colour.
    static func safeColour(_ colour: String) -> String {
        let hex = colour.dropFirst()
        guard colour.hasPrefix("#"), hex.count == 3 || hex.count == 6, hex.allSatisfy(\.isHexDigit) else {
            return fallbackColour
        }
        return colour.lowercased()
    }

    /// Black or white text, whichever reads better on `colour` (WCAG relative luminance).
    static func textColour(on colour: String) -> String {
        var hex = String(colour.dropFirst())
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        guard hex.count == 6, let value = Int(hex, radix: 16) else { return "#ffffff" }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xff) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        // Contrast with white vs with near-black (#111): pick the larger.
        let withWhite = 1.05 / (luminance + 0.05)
        let withBlack = (luminance + 0.05) / 0.0556
        return withWhite >= withBlack ? "#ffffff" : "#111111"
    }

    /// A fraction as a percentage with four decimals: exact enough, short in HTML and JSON.
    static func percent(_ fraction: Double) -> Double {
        (fraction * 100 * 10_000).rounded() / 10_000
    }
}
