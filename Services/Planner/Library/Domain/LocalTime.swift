/// A wall-clock time of day in the company's time zone ("08:00"), as minutes since midnight.
///
/// Working hours and presence rules are written in local time because that is how people
/// think of them ("from 8 to 12"); they become instants only on a given day
/// (`LocalDate.instant(at:in:)`), which is what keeps them right across DST changes.
/// "24:00" is accepted as the end of a day.
public struct LocalTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Minutes in a day: the largest value, "24:00".
    public static let minutesPerDay = 24 * 60
    /// 0…1440.
    public var minutes: Int

    /// The time `minutes` after midnight, kept within 00:00…24:00.
    public init(minutes: Int) {
        self.minutes = max(0, min(LocalTime.minutesPerDay, minutes))
    }

    /// A time from hours and minutes; "08:30" is `LocalTime(hour: 8, minute: 30)`.
    public init(hour: Int, minute: Int = 0) {
        self.init(minutes: hour * 60 + minute)
    }

    /// Parses "HH:mm" (00:00…24:00). Reads the five bytes directly: the store parses one per
    /// working-hours row on every suggestion request.
    public init?(_ text: String) {
        var bytes = text.utf8.makeIterator()
        var digits: [Int] = []
        digits.reserveCapacity(4)
        var index = 0
        while let byte = bytes.next() {
            defer { index += 1 }
            if index == 2 {
                guard byte == UInt8(ascii: ":") else { return nil }
                continue
            }
            guard index < 5, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            digits.append(Int(byte - UInt8(ascii: "0")))
        }
        guard index == 5, digits.count == 4 else { return nil }
        let hour = digits[0] * 10 + digits[1]
        let minute = digits[2] * 10 + digits[3]
        guard hour <= 24, minute <= 59, hour * 60 + minute <= LocalTime.minutesPerDay else { return nil }
        self.minutes = hour * 60 + minute
    }

    /// The time as `HH:MM`: how the API and the forms write it.
    public var description: String {
        let hour = minutes / 60
        let minute = minutes % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// Earlier times first.
    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutes < rhs.minutes }

    /// Reads `HH:MM`; anything else is a decoding error that names the expected form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = LocalTime(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a time such as 08:30")
        }
        self = time
    }

    /// Writes `HH:MM`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
