package import AriannaWording
package import Foundation

/// How refusals write days, times and weekdays in each language: ISO days in English (as the
/// API has always answered), dd/MM/yyyy in Italian; 24-hour times in both.
package enum MessageFormat {
    /// "2030-03-04" / "04/03/2030".
    package static func day(_ day: LocalDate, _ language: PageLanguage) -> String {
        switch language {
        case .en: return day.description
        case .it:
            let parts = day.description.split(separator: "-")
            return parts.count == 3 ? "\(parts[2])/\(parts[1])/\(parts[0])" : day.description
        }
    }

    /// The local day of an instant.
    package static func day(_ date: Date, _ timeZone: TimeZone, _ language: PageLanguage) -> String {
        day(LocalDate(containing: date, in: timeZone), language)
    }

    /// "09:30" in `timeZone`.
    package static func time(_ date: Date, _ timeZone: TimeZone) -> String {
        pattern(date, "HH:mm", timeZone)
    }

    /// "2030-03-04 09:30" / "04/03/2030 09:30".
    package static func dateTime(_ date: Date, _ timeZone: TimeZone, _ language: PageLanguage) -> String {
        "\(day(date, timeZone, language)) \(time(date, timeZone))"
    }

    /// "Monday" / "lunedì" for ISO weekday 1 … 7.
    package static func weekday(_ iso: Int, _ language: PageLanguage) -> String {
        let index = max(1, min(7, iso)) - 1
        switch language {
        case .en: return ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][index]
        case .it: return ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"][index]
        }
    }

    /// The ISO weekday (1 = Monday) of an instant's local day.
    package static func isoWeekday(_ date: Date, _ timeZone: TimeZone) -> Int {
        LocalDate(containing: date, in: timeZone).isoWeekday
    }

    /// "a, b and c" / "a, b e c".
    package static func list(_ items: [String], _ language: PageLanguage) -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        let and = language == .it ? " e " : " and "
        return items.dropLast().joined(separator: ", ") + and + last
    }

    /// "45 min", "2 h", "1 h 30 min" (the same in both languages).
    package static func duration(_ minutes: Int) -> String {
        switch (minutes / 60, minutes % 60) {
        case (0, let m): return "\(m) min"
        case (let h, 0): return "\(h) h"
        case (let h, let m): return "\(h) h \(m) min"
        }
    }

    private static func pattern(_ date: Date, _ pattern: String, _ timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
