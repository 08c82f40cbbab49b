import Foundation

/// The queue part of the board besides its cards: the filter form (with how many calls each
/// choice would show), how many match, and the links to the next and first page. The page
/// template renders it; after a live update `board.js` swaps in the counts and links of
/// `GET /board/fragment`, rendered by the same template.
struct BoardQueueView: Sendable, Encodable {
    /// One choice of a select filter.
    struct Option: Sendable, Encodable {
        /// The filter's value (zone, type id, …).
        var value: String
        /// The value's name and how many calls it would show: "Milano (12)".
        var label: String
        /// The filter currently holds this value.
        var selected: Bool
    }

    /// A select filter (zone, activity type, practice, state) and its choices with counts.
    struct Choice: Sendable, Encodable {
        /// The query parameter, also the control's id suffix.
        var name: String
        /// The control's label.
        var label: String
        /// "All (n)": no filter.
        var allLabel: String
        /// The filter's values, each with its count.
        var options: [Option]
    }

    /// A free field (dates, customer, text).
    struct Field: Sendable, Encodable {
        /// The query parameter, also the control's id suffix.
        var name: String
        /// The control's label.
        var label: String
        /// `date` or `search`.
        var type: String
        /// What the filter holds now.
        var value: String
    }

    /// A parameter of the board the form keeps (view, date, group, colours).
    struct Kept: Sendable, Encodable {
        /// The query parameter.
        var name: String
        /// Its value on the shown board.
        var value: String
    }

    /// Zone, activity type, practice and state, with their counts.
    var choices: [Choice]
    /// Due and opened dates, customer, free text.
    var fields: [Field]
    /// The board's own parameters the form sends back as hidden fields.
    var kept: [Kept]
    /// How many calls match the filters.
    var total: Int
    /// "50 of 1,234" (or the count alone when everything is shown).
    var shownLabel: String
    /// Whether any filter is set (shows "Clear filters").
    var isFiltered: Bool
    /// The board without queue filters, keeping day, view, group and colours.
    var clearHref: String
    /// The queue's next page; nil on the last page.
    var nextHref: String?
    /// The queue's first page; nil when the first page is shown.
    var firstHref: String?
}

extension BoardBuilder {
    /// The queue's filter form, counts and page links for `snapshot`.
    func queueView(_ snapshot: BoardSnapshot, shown: Int) -> BoardQueueView {
        let counts = snapshot.queueCounts
        let values = query.queue.values
        func choice(_ name: String, _ labelKey: String, _ counted: [QueueCounts.Value]) -> BoardQueueView.Choice {
            var options = counted.compactMap { value -> BoardQueueView.Option? in
                guard let id = value.value, !id.isEmpty else { return nil }
                return BoardQueueView.Option(
                    value: id, label: "\(value.label) (\(value.count))", selected: values[name] == id)
            }
            // A chosen value nothing matches any more stays chosen, with its zero.
            if let chosen = values[name], !options.contains(where: { $0.value == chosen }) {
                options.insert(BoardQueueView.Option(value: chosen, label: "\(chosen) (0)", selected: true), at: 0)
            }
            return BoardQueueView.Choice(
                name: name, label: text(labelKey),
                allLabel: fill("filterAll", ["count": "\(allCount(counted))"]),
                options: options)
        }
        let fields = [
            ("dueBefore", "filterDueBefore", "date"), ("openedBefore", "filterOpenedBefore", "date"),
            ("customer", "filterCustomer", "search"), ("q", "filterText", "search")
        ].map { BoardQueueView.Field(name: $0.0, label: text($0.1), type: $0.2, value: values[$0.0] ?? "") }
        var kept = [
            BoardQueueView.Kept(name: "view", value: query.view.rawValue),
            BoardQueueView.Kept(name: "date", value: BoardQuery.format(query.day))
        ]
        if let group = query.group { kept.append(BoardQueueView.Kept(name: "group", value: group)) }
        if query.colours != .type { kept.append(BoardQueueView.Kept(name: "colours", value: query.colours.rawValue)) }
        let total = counts.total
        return BoardQueueView(
            choices: [
                choice("zone", "filterZone", counts.zones),
                choice("type", "filterType", counts.activityTypes),
                choice("practice", "filterPractice", counts.practices),
                choice("state", "filterState", counts.states)
            ],
            fields: fields,
            kept: kept,
            total: total,
            shownLabel: shown < total || query.queueCursor != nil
                ? fill("queueShown", ["shown": "\(shown)", "total": "\(total)"]) : "\(total)",
            isFiltered: !values.isEmpty,
            clearHref: "?" + query.queryString(queue: QueueFilterQuery()),
            nextHref: snapshot.queueNextCursor.map { "?" + query.queryString(cursor: $0) },
            firstHref: query.queueCursor == nil ? nil : "?" + query.queryString())
    }

    /// The calls a select's "All" choice shows: the sum over its values (its own filter left out).
    private func allCount(_ counted: [QueueCounts.Value]) -> Int {
        counted.reduce(0) { $0 + $1.count }
    }
}
