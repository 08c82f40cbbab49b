import Foundation

/// A `type/subtype; name=value; name="quoted value"` header (Content-Type, Content-Disposition).
struct MailHeaderValue: Sendable, Equatable {
    /// The main value, lower-cased (`text/plain`, `attachment`).
    let value: String
    /// Parameters by lower-cased name.
    let parameters: [String: String]

    /// Splits a header value into its main value and its `;`-separated parameters, quotes
    /// respected.
    init(_ text: String) {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" && quoted {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        value = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let name = part[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            parameters[name] = part[part.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        self.parameters = parameters
    }
}
