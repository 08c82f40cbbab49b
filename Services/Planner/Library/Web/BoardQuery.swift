import Foundation
import Hummingbird
import ServiceKit

/// What the board shows, read from `?view=day|week&date=YYYY-MM-DD&group=…`: the same for the
/// page, `/board/fragment` and `/api/board`, so a live refresh asks for exactly what the page shows.
struct BoardQuery: Sendable, Equatable {
    /// One day of 30-minute cells, or seven days (Monday to Sunday).
    enum View: String, Sendable, Codable {
        /// `day`: one day of 30-minute cells; `week`: Monday to Sunday. The raw values are `?view=`'s.
        case day, week
    }

    /// Day or week.
    var view: View
    /// The day shown, or any day of the week shown (the company's calendar day).
    var day: DateComponents
    /// Operators of this group only; nil shows every active operator.
    var group: String?
    /// What colours bars and cards: their activity type (the default) or their ticket's state (R3).
    enum Colours: String, Sendable, Codable, CaseIterable {
        /// `type`: each bar and card in its activity type's colour; `state`: in its ticket's state's colour
        /// (R3). The raw values are `?colours=`'s.
        case type, state
    }
    /// What colours the bars and cards now.
    var colours: Colours = .type
    /// The queue's filters (zone, type, …), kept by every link of the board.
    var queue = QueueFilterQuery()
    /// Where the shown page of the queue starts (`nextCursor` of the previous one); nil: the first.
    var queueCursor: String? = nil

    /// Reads the query; a missing date means today in the company's time zone, anything
    /// unreadable is a 400 with a sentence in `language` saying what is expected.
    static func parse(
        view viewText: String?, date dateText: String?, group groupText: String?, today: Date, timeZone: TimeZone,
        language: PageLanguage = .en
    ) throws -> BoardQuery {
        let view: View
        switch viewText {
        case nil, "": view = .day
        case let text?:
            guard let parsed = View(rawValue: text) else {
                throw HTTPError(
                    .badRequest,
                    message: Wording(
                        it: "view deve essere 'day' o 'week', non '\(text)'.",
                        en: "view must be 'day' or 'week', not '\(text)'."
                    ).text(language))
            }
            view = parsed
        }
        let day: DateComponents
        if let text = dateText, !text.isEmpty {
            guard let parsed = Self.parseDay(text) else {
                throw HTTPError(
                    .badRequest,
                    message: Wording(
                        it: "date deve essere un giorno come 2026-03-02, non '\(text)'.",
                        en: "date must be a day such as 2026-03-02, not '\(text)'."
                    ).text(language))
            }
            day = parsed
        } else {
            day = Self.calendar(timeZone).dateComponents([.year, .month, .day], from: today)
        }
        let group = groupText.flatMap { $0.isEmpty ? nil : $0 }
        return BoardQuery(view: view, day: day, group: group)
    }

    /// The query with its colour mode read from `?colours=type|state` (400 in `language` for
    /// anything else).
    func colouring(_ text: String?, language: PageLanguage = .en) throws -> BoardQuery {
        guard let text, !text.isEmpty else { return self }
        guard let colours = Colours(rawValue: text) else {
            throw HTTPError(
                .badRequest,
                message: Wording(
                    it: "colours deve essere 'type' o 'state', non '\(text)'.",
                    en: "colours must be 'type' or 'state', not '\(text)'."
                ).text(language))
        }
        var query = self
        query.colours = colours
        return query
    }

    /// The query with the queue's filters and page read from the request (400 for a bad one).
    func filteringQueue(_ query: PlannerQuery) throws -> BoardQuery {
        var copy = self
        copy.queue = try QueueFilterQuery(query)
        copy.queueCursor = FormQuery.values(query.request)["cursor"].flatMap { $0.isEmpty ? nil : $0 }
        return copy
    }

    /// `YYYY-MM-DD` with a real month and day (2026-02-30 is refused).
    static func parseDay(_ text: String) -> DateComponents? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        let calendar = Self.calendar(.gmt)
        guard let date = calendar.date(from: components),
            calendar.dateComponents([.year, .month, .day], from: date) == components
        else { return nil }
        return components
    }

    /// The company's calendar: Gregorian, weeks from Monday (ISO 8601, as in Italy).
    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }

    /// `YYYY-MM-DD` of `components`.
    static func format(_ components: DateComponents) -> String {
        String(format: "%04d-%02d-%02d", components.year ?? 0, components.month ?? 0, components.day ?? 0)
    }

    /// The query string for this board with some parts changed (links for prev/next/view/group).
    /// Links keep the queue's filters but start its first page again, except `keepingPage`
    /// (the live refresh, which must fetch the very page shown).
    func queryString(
        view: View? = nil, day: DateComponents? = nil, group: String?? = .none, colours: Colours? = nil,
        queue: QueueFilterQuery? = nil, cursor: String? = nil, keepingPage: Bool = false
    ) -> String {
        var items = [
            ("view", (view ?? self.view).rawValue),
            ("date", Self.format(day ?? self.day))
        ]
        let chosenGroup: String? =
            switch group {
            case .none: self.group
            case .some(let value): value
            }
        if let chosenGroup { items.append(("group", chosenGroup)) }
        let chosenColours = colours ?? self.colours
        if chosenColours != .type { items.append(("colours", chosenColours.rawValue)) }
        items += (queue ?? self.queue).items
        if let page = cursor ?? (keepingPage ? queueCursor : nil) { items.append(("cursor", page)) }
        return items.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes everything but unreserved characters, so a group called "R&D + Sud" survives.
    static func escape(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
