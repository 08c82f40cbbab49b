package import Foundation

/// Local calendar days as `yyyy-MM-dd`, in the company's zone.
package enum LocalDay {
    /// `date`'s local day in `zone`, e.g. `2027-01-01` for 23:30 UTC on 31 December in Rome.
    package static func string(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Whether `text` is a `yyyy-MM-dd` day.
    package static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isASCIIDigitCharacter) }
    }
}
