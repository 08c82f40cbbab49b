import Foundation
import Hummingbird

/// Query parameters the way an HTML form sends them (`application/x-www-form-urlencoded`): a
/// `+` is a space, `%2B` a plus. The board's filter form and group links carry free text (zones,
/// group and customer names), which the router's own reading would leave with `+` for spaces.
enum FormQuery {
    /// The first value of each parameter of `request`'s query.
    static func values(_ request: Request) -> [String: String] {
        guard let query = request.uri.query, !query.isEmpty else { return [:] }
        var values: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { continue }
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if values[name] == nil, let value { values[name] = value }
        }
        return values
    }

    /// `+` → space, then percent-decoding; nil for malformed escapes.
    static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
