import Foundation
import PlannerDomain

/// Writes a `Date` as the text GRDB stores for it ("2030-03-04 09:00:00.000", UTC), with
/// integer arithmetic instead of a `DateFormatter`.
///
/// Generating a year of presences binds millions of dates; GRDB formats each through ICU, which
/// was a quarter of the generation's time. The text must be byte-for-byte GRDB's, because the
/// presence table's unique key and every range query compare these strings (checked by a test).
enum DatabaseDateText {
    /// "yyyy-MM-dd HH:mm:ss.SSS" in UTC, milliseconds truncated like GRDB's formatter.
    static func format(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        var days = milliseconds / 86_400_000
        var rest = milliseconds % 86_400_000
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        let day = LocalDate(dayNumber: days)
        let hour = rest / 3_600_000
        let minute = rest / 60_000 % 60
        let second = rest / 1000 % 60
        let milli = rest % 1000
        return String(unsafeUninitializedCapacity: 23) { buffer in
            func put(_ value: Int, width: Int, at offset: Int) {
                var value = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(day.year, width: 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(day.month, width: 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(day.day, width: 2, at: 8)
            buffer[10] = UInt8(ascii: " ")
            put(hour, width: 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(minute, width: 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(second, width: 2, at: 17)
            buffer[19] = UInt8(ascii: ".")
            put(milli, width: 3, at: 20)
            return 23
        }
    }
}
