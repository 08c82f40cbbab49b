public import Foundation

/// Dates and times as the company writes them (`30/11/2026`, `09:30`), in its time zone.
///
/// Built from calendar components rather than a locale-driven `DateFormatter`, so emails and
/// messages read the same on every machine whatever its locale, in Italian and English alike.
public struct LocalTimeFormat: Sendable {
    /// The company's time zone, in which dates and times are written.
    public let timeZone: TimeZone

    /// Writes moments as they read in `timeZone`.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// `dd/MM/yyyy`.
    public func date(_ date: Date) -> String {
        let parts = components(of: date)
        return "\(pad(parts.day))/\(pad(parts.month))/\(parts.year ?? 0)"
    }

    /// `HH:mm`, 24-hour.
    public func time(_ date: Date) -> String {
        let parts = components(of: date)
        return "\(pad(parts.hour)):\(pad(parts.minute))"
    }

    private func components(of date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    }

    private func pad(_ value: Int?) -> String {
        let value = value ?? 0
        return value < 10 ? "0\(value)" : "\(value)"
    }
}
