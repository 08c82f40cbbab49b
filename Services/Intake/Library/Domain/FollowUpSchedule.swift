package import Foundation

/// When a follow-up deadline falls due (R5 advanced palette). Pure: no I/O.
///
/// Steps are calendar steps in the company's time zone, so a deadline at 09:00 stays at 09:00
/// local time across daylight-saving changes, and a month step clamps to the month's last day
/// (31 January + 1 month = 28 or 29 February). A series keeps its anchor day: the step after
/// 28 February of a series anchored on the 31st falls on 31 March, not 28 March.
package struct FollowUpSchedule {
    /// The company's time zone, whose calendar the steps follow.
    var timeZone: TimeZone

    /// The schedule of a company whose calendar is `timeZone`'s.
    package init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// Follow-ups further out than this are refused: a rule cannot push work into the far future
    /// by mistake, and a mis-set recurrence cannot run away.
    static let horizonYears = 10

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The day of the month a series started on, for `base`.
    package func anchorDay(of base: Date) -> Int {
        calendar.component(.day, from: base)
    }

    /// `base` + `recurrence`; months keep `anchorDay` (clamped to the target month's length).
    /// Nil when the result is past the horizon or the recurrence is not positive.
    package func dueDate(after base: Date, by recurrence: FollowUpRule.Recurrence, anchorDay: Int? = nil) -> Date? {
        guard recurrence.count > 0 else { return nil }
        let calendar = self.calendar
        var result: Date?
        switch recurrence.unit {
        case .days:
            result = calendar.date(byAdding: .day, value: recurrence.count, to: base)
        case .weeks:
            result = calendar.date(byAdding: .day, value: 7 * recurrence.count, to: base)
        case .months:
            var parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: base)
            let monthIndex = (parts.year ?? 0) * 12 + (parts.month ?? 1) - 1 + recurrence.count
            parts.year = monthIndex / 12
            parts.month = monthIndex % 12 + 1
            let wantedDay = anchorDay ?? parts.day ?? 1
            parts.day = 1
            guard let firstOfMonth = calendar.date(from: parts),
                let days = calendar.range(of: .day, in: .month, for: firstOfMonth)
            else { return nil }
            parts.day = min(wantedDay, days.count)
            result = calendar.date(from: parts)
        default:
            // A unit this build does not know (setup refuses those): no due date.
            return nil
        }
        guard let result,
            let horizon = calendar.date(byAdding: .year, value: Self.horizonYears, to: base),
            result <= horizon
        else { return nil }
        return result
    }
}
