import Foundation

extension StringProtocol {
    /// Whether the text is empty or only `set`'s characters, as `trimmingCharacters(in: set).isEmpty`
    /// says, but without building the trimmed copy when the first character is a visible ASCII one
    /// (nearly always): every ticket of a Kafka batch checks several fields.
    func isBlank(ignoring set: CharacterSet = .whitespaces) -> Bool {
        guard let first = unicodeScalars.first else { return true }
        if first.isASCII, first.value > 0x20, first.value != 0x7F { return false }
        return trimmingCharacters(in: set).isEmpty
    }

    /// `trimmingCharacters(in: .whitespaces)`, returning the text itself when it starts and ends
    /// with a visible ASCII character (nothing to trim), the common case.
    package func trimmedOfWhitespace() -> String {
        if let first = unicodeScalars.first, let last = unicodeScalars.last,
            first.isASCII, first.value > 0x20, first.value != 0x7F,
            last.isASCII, last.value > 0x20, last.value != 0x7F
        {
            return String(self)
        }
        return trimmingCharacters(in: .whitespaces)
    }
}
