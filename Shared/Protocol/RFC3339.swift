public import Foundation

/// RFC 3339 timestamps as they appear on the wire.
///
/// We write UTC with exactly three fraction digits (`2026-11-29T10:15:00.123Z`) and read any
/// RFC 3339 form (no fraction, up to nine fraction digits, `Z` or a `±hh:mm` offset).
/// Hand-written rather than a `DateFormatter` so it is `Sendable`, locale-free and exact.
///
/// Dates therefore travel with millisecond precision: a `Date` survives a round trip unchanged
/// when its `timeIntervalSinceReferenceDate` is a whole number of milliseconds, as every decoded
/// date is (e.g. `Date(timeIntervalSinceReferenceDate: 817_640_100.123)`).
///
/// Foundation's `Date.ISO8601FormatStyle` was measured against this contract and left out
/// (issue 8; `arianna-bench rfc3339` repeats the comparison): it truncates instead of rounding,
/// so about half of all millisecond instants come back one millisecond early after a round trip
/// (`…10.728Z` is read and written again as `…10.727Z`); it refuses `t`/`z` and the space
/// separator that RFC 3339 allows, accepts `2026-02-29` (as 1 March) and a `+0100` offset
/// without colon; and it reads about four times slower than this parser (it writes about a
/// fifth faster, which does not pay for a wrong millisecond).
public enum RFC3339 {
    /// Seconds from 1970-01-01 to the `Date` reference date, 2001-01-01.
    private static let referenceDateOffset: Int64 = 978_307_200

    /// Formats `date` in UTC, rounded to the nearest millisecond: what every producer writes.
    public static func string(from date: Date) -> String {
        let millisecondsSinceReference = Int64((date.timeIntervalSinceReferenceDate * 1000).rounded())
        let milliseconds = millisecondsSinceReference + referenceDateOffset * 1000
        let seconds = floorDivide(milliseconds, 1000)
        let millisecond = milliseconds - seconds * 1000
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2))"
            + ".\(pad(millisecond, 3))Z"
    }

    /// Parses an RFC 3339 `date-time`; `nil` when `text` is not one: how every consumer reads
    /// the times other producers wrote.
    public static func date(from text: String) -> Date? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.skip("-"),
            let month = scanner.digits(2), scanner.skip("-"),
            let day = scanner.digits(2), scanner.skip(anyOf: "Tt "),
            let hour = scanner.digits(2), scanner.skip(":"),
            let minute = scanner.digits(2), scanner.skip(":"),
            let second = scanner.digits(2)
        else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second <= 60
        else { return nil }

        var fraction: Int64 = 0
        var fractionDigits = 0
        if scanner.skip(".") {
            while let digit = scanner.digit() {
                if fractionDigits < 9 {
                    fraction = fraction * 10 + digit
                    fractionDigits += 1
                }
            }
            guard fractionDigits > 0 else { return nil }
        }

        let offsetSeconds: Int64
        if scanner.skip(anyOf: "Zz") {
            offsetSeconds = 0
        } else if let sign = scanner.sign(), let offsetHour = scanner.digits(2), scanner.skip(":"),
            let offsetMinute = scanner.digits(2), offsetHour < 24, offsetMinute < 60
        {
            offsetSeconds = sign * (offsetHour * 3600 + offsetMinute * 60)
        } else {
            return nil
        }
        guard scanner.isAtEnd else { return nil }

        let days = daysFromCivil(year: year, month: month, day: day)
        let secondsSince1970 = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        let secondsSinceReference = secondsSince1970 - referenceDateOffset
        // Up to milliseconds, build the Date from an integer count of milliseconds so that it is
        // the same value `string(from:)` started from.
        if fractionDigits <= 3 {
            let milliseconds = secondsSinceReference * 1000 + fraction * power10(3 - fractionDigits)
            return Date(timeIntervalSinceReferenceDate: Double(milliseconds) / 1000)
        }
        return Date(
            timeIntervalSinceReferenceDate: Double(secondsSinceReference)
                + Double(fraction) / Double(power10(fractionDigits)))
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, after Howard Hinnant's algorithms)

    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    private static func power10(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(1) { result, _ in result * 10 }
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// A cursor over ASCII bytes, just enough for the grammar above.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var isAtEnd: Bool { index == bytes.count }

        mutating func digit() -> Int64? {
            guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else {
                return nil
            }
            defer { index += 1 }
            return Int64(bytes[index] - UInt8(ascii: "0"))
        }

        mutating func digits(_ count: Int) -> Int64? {
            var value: Int64 = 0
            for _ in 0..<count {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            skip(anyOf: String(character))
        }

        mutating func skip(anyOf characters: String) -> Bool {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }

        mutating func sign() -> Int64? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
    }
}

extension JSONEncoder.DateEncodingStrategy {
    /// RFC 3339 UTC with milliseconds, the only form Arianna writes.
    static let rfc3339Milliseconds = JSONEncoder.DateEncodingStrategy.custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode(RFC3339.string(from: date))
    }
}

extension JSONDecoder.DateDecodingStrategy {
    /// Any RFC 3339 `date-time`, with or without fraction, in UTC or with an offset.
    static let rfc3339 = JSONDecoder.DateDecodingStrategy.custom { decoder in
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = RFC3339.date(from: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not an RFC 3339 date-time: '\(text.prefix(40))'")
        }
        return date
    }
}
