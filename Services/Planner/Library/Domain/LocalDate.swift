public import Foundation

/// A calendar day in the company's time zone ("2030-03-04"), with no time and no zone.
///
/// Holidays, presence-rule validity and generation ranges are days as a back-office user
/// thinks of them, not instants: a holiday on 2030-04-25 is that whole local day however long
/// it is (23 or 25 hours on DST days). Turning a day into instants always goes through
/// `Calendar` in the company's time zone (`startInstant(in:)`).
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year (1…9999).
    public var year: Int
    /// The month (1…12).
    public var month: Int
    /// The day of the month.
    public var day: Int

    /// A day; `nil` when it does not exist (2030-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
            day <= LocalDate.daysIn(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "yyyy-MM-dd" strictly (no time, no offset).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The local day on which `instant` falls in `timeZone`.
    public init(containing instant: Date, in timeZone: TimeZone) {
        let parts = LocalDate.calendar(timeZone).dateComponents([.year, .month, .day], from: instant)
        self.year = parts.year ?? 1970
        self.month = parts.month ?? 1
        self.day = parts.day ?? 1
    }

    /// The day as `yyyy-MM-dd`: how the API, the forms and the store write it.
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Earlier days first.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// ISO weekday, 1 = Monday … 7 = Sunday, the numbering of working hours and presence rules.
    public var isoWeekday: Int {
        // Zeller-free: days since 1970-01-01 (a Thursday, ISO 4).
        let offset = dayNumber % 7
        return ((offset + 7) % 7 + 3) % 7 + 1
    }

    /// Days since 1970-01-01 (proleptic Gregorian); lets ranges be walked without a calendar.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    /// The day `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Months since year 0, for "every N months" arithmetic.
    public var monthNumber: Int { year * 12 + (month - 1) }

    /// The instant `time` on this day in `timeZone`, as `Calendar.date(from:)` resolves it: on a
    /// spring-forward day a time that does not exist (02:30 in Rome on 2030-03-31) moves forward
    /// by the gap (03:30, tested); a time repeated on a fall-back day gets one of its two
    /// instants (presences and working hours never start in that hour in practice).
    public func instant(at time: LocalTime, in timeZone: TimeZone) -> Date {
        let calendar = LocalDate.calendar(timeZone)
        if time.minutes >= LocalTime.minutesPerDay {
            return adding(days: 1).instant(at: LocalTime(minutes: 0), in: timeZone)
        }
        var parts = DateComponents()
        parts.year = year
        parts.month = month
        parts.day = day
        parts.hour = time.minutes / 60
        parts.minute = time.minutes % 60
        if let date = calendar.date(from: parts) { return date }
        // Unreachable for valid days; fall back to the matching day start.
        return calendar.startOfDay(
            for: calendar.date(from: DateComponents(year: year, month: month, day: day))
                ?? Date(timeIntervalSince1970: 0))
    }

    /// Local midnight at the start of this day.
    public func startInstant(in timeZone: TimeZone) -> Date { instant(at: LocalTime(minutes: 0), in: timeZone) }

    /// Number of days in `month` of `year`.
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A Gregorian calendar in `timeZone`; ISO weeks start on Monday.
    public static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }

    /// Reads `yyyy-MM-dd`; anything else is a decoding error that names the expected form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date such as 2030-03-04")
        }
        self = date
    }

    /// Writes `yyyy-MM-dd`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
