import Foundation

/// Prices and quantities as people type them ("12,50", "1.5") turned into exact numbers.
/// Prices become integer cents and are refused with more than two decimals, so nothing is
/// rounded behind the clerk's back.
package enum MoneyText {
    /// The largest price accepted, in cents (ten million euros), so sums never overflow.
    static let maximumCents = 1_000_000_000

    /// Cents of a price such as `12`, `12.5`, `12,50`; nil when it is not a non-negative amount
    /// with at most two decimals.
    package static func cents(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 8,
            whole.allSatisfy(\.isASCIIDigitCharacter)
        else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy(\.isASCIIDigitCharacter), parts.count == 1 || !fraction.isEmpty
        else { return nil }
        while fraction.count < 2 { fraction += "0" }
        guard let euros = Int(whole), let hundredths = Int(fraction) else { return nil }
        let cents = euros * 100 + hundredths
        return cents <= maximumCents ? cents : nil
    }

    /// A quantity such as `2`, `1,5`, `0.25`: finite, greater than zero, at most three decimals.
    package static func quantity(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }),
            parts.count == 1 || parts[1].count <= 3, parts[0].count <= 7,
            let value = Double(trimmed), value.isFinite, value > 0
        else { return nil }
        return value
    }

    /// `1234` cents as `12,34` (Italian) or `12.34` (English), for forms and pages.
    package static func text(cents: Int, decimalSeparator: String = ",") -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = abs(cents)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100)\(decimalSeparator)\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// A quantity without a trailing `.0`: `2`, `1.5`, `0.25`.
    package static func text(quantity: Double) -> String {
        if quantity == quantity.rounded() && abs(quantity) < 1e12 { return String(Int(quantity)) }
        var text = String(format: "%.3f", quantity)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

extension Character {
    /// `0`…`9` only (not other scripts' digits), for parsing typed numbers.
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
