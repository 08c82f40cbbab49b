import Mustache

/// The to-do list page.
struct TodoPageModel: Sendable {
    /// A day of the list.
    struct Day: Sendable, MustacheParent {
        /// The weekday and date, with "Today" on today.
        var label: String
        /// Whether this is today.
        var isToday: Bool
        /// Appointments from earlier days still open (only on today).
        var overdue: [EntryModel]
        /// The day's appointments, earliest first.
        var entries: [EntryModel]
        /// Stored, not computed: whether the day shows "Nothing planned".
        var isEmpty: Bool

        /// Read by Mustache without `Mirror` (see ``EntryModel/child(named:)``).
        func child(named name: String) -> Any? {
            switch name {
            case "label": return label
            case "isToday": return isToday
            case "overdue": return overdue
            case "entries": return entries
            case "isEmpty": return isEmpty
            default: return nil
            }
        }
    }

    /// A link of the range switcher or the day navigation.
    struct Link: Sendable {
        /// The link's words.
        var label: String
        /// Where it goes, keeping the operator shown.
        var href: String
        /// Whether it is the choice shown now.
        var current: Bool
    }

    /// Whose list, in words.
    var whose: String
    /// For the back office: the operators it can pick (with "everyone" first); empty for a technician.
    var operatorChoices: [Link]
    /// Stored, not computed: templates see stored properties only.
    var hasOperatorChoices: Bool
    /// The operator whose calendar feed the page manages; nil for the back office's all-operators list.
    var feedOperatorID: String?
    /// The day/week switcher.
    var ranges: [Link]
    /// The previous day or week.
    var previousHref: String
    /// The range that holds today.
    var todayHref: String
    /// The next day or week.
    var nextHref: String
    /// The same range as a calendar.
    var calendarHref: String
    /// Open deadlines shown whatever the range: overdue ones first, then those due in the range.
    var deadlines: [EntryModel]
    /// Stored, not computed: templates see stored properties only.
    var hasDeadlines: Bool
    /// Appointments only: deadlines are in ``deadlines``.
    var days: [Day]
}
