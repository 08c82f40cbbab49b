import Foundation
import ServiceKit

extension BoardBuilder {
    /// The date and time formats of the board in one language and time zone, created once per
    /// build (formatters are costly, and a week of fifty technicians formats thousands of times).
    struct Formats {
        private let longDayFormatter: DateFormatter
        private let weekDayFormatter: DateFormatter
        private let timeFormatter: DateFormatter
        private let hourFormatter: DateFormatter
        private let dayMonthFormatter: DateFormatter
        private let dayMonthYearFormatter: DateFormatter
        private let openedFormatter: DateFormatter

        /// The formatters for `language` in `timeZone`.
        init(language: PageLanguage, timeZone: TimeZone) {
            let locale = Locale(identifier: language.localeIdentifier)
            func make(fixed: String) -> DateFormatter {
                let formatter = DateFormatter()
                formatter.locale = locale
                formatter.timeZone = timeZone
                formatter.dateFormat = fixed
                return formatter
            }
            // Fixed patterns (the locale only names days and months), so a page reads the same
            // on every machine whatever its ICU version prefers for punctuation.
            longDayFormatter = make(fixed: "EEEE d MMMM y")
            weekDayFormatter = make(fixed: "EEE d MMM")
            timeFormatter = make(fixed: "HH:mm")
            hourFormatter = make(fixed: "H")
            dayMonthFormatter = make(fixed: "d MMMM")
            dayMonthYearFormatter = make(fixed: "d MMMM y")
            openedFormatter = make(fixed: "d MMM, HH:mm")
        }

        /// "lunedì 2 marzo 2026" / "Monday 2 March 2026".
        func longDay(_ date: Date) -> String { capitalised(longDayFormatter.string(from: date)) }
        /// "lun 2 mar" / "Mon 2 Mar".
        func weekDay(_ date: Date) -> String { capitalised(weekDayFormatter.string(from: date)) }
        /// "09:30".
        func time(_ date: Date) -> String { timeFormatter.string(from: date) }
        /// "9", for the narrow hour labels of the week view.
        func shortHour(_ date: Date) -> String { hourFormatter.string(from: date) }
        /// "2 marzo".
        func dayMonth(_ date: Date) -> String { dayMonthFormatter.string(from: date) }
        /// "8 marzo 2026".
        func dayMonthYear(_ date: Date) -> String { dayMonthYearFormatter.string(from: date) }
        /// "2 mar, 09:14".
        func opened(_ date: Date) -> String { openedFormatter.string(from: date) }
        /// "Lun 2 mar": the day part of a cell's or bar's spoken label.
        func slotDay(_ date: Date) -> String { weekDay(date) }
        /// "Lun 2 mar 09:30": how a cell is read aloud.
        func slot(_ date: Date) -> String { "\(weekDay(date)) \(time(date))" }

        private func capitalised(_ text: String) -> String {
            text.prefix(1).uppercased() + text.dropFirst()
        }
    }
}
