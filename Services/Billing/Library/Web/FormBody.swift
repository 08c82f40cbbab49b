import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, as a plain HTML form posts them.
struct FormBody: Sendable {
    /// Every field's values, in the order the form sent them.
    private(set) var values: [String: [String]] = [:]

    /// The fields of `body` as a browser encodes them (`+` for space, percent escapes).
    init(encoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[Self.decode(parts[0]), default: []].append(value)
        }
    }

    /// Reads a form body of at most `limit` bytes.
    static func read(_ request: Request, limit: Int = 1 << 20) async throws -> FormBody {
        let buffer = try await request.body.collect(upTo: limit)
        return FormBody(encoded: String(buffer: buffer))
    }

    /// The first value of `key`, untrimmed; nil when missing.
    subscript(_ key: String) -> String? {
        values[key]?.first
    }

    private static func decode(_ part: Substring) -> String {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
    }
}
