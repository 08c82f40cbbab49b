import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, as posted by a plain HTML form.
struct FormFields: Sendable {
    private(set) var values: [String: [String]] = [:]

    init(encoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[key, default: []].append(value)
        }
    }

    /// Reads a form body of at most `limit` bytes.
    static func read(_ request: Request, limit: Int = 1 << 20) async throws -> FormFields {
        let buffer = try await request.body.collect(upTo: limit)
        return FormFields(encoded: String(buffer: buffer))
    }

    /// The first value of `key`, trimmed; nil when missing or blank.
    subscript(_ key: String) -> String? {
        guard let value = values[key]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else { return nil }
        return value
    }

    /// Every field whose name starts with `prefix`, keyed by the rest of the name.
    func group(_ prefix: String) -> [String: String] {
        var result: [String: String] = [:]
        for (key, list) in values where key.hasPrefix(prefix) {
            result[String(key.dropFirst(prefix.count))] = list.first ?? ""
        }
        return result
    }

    private static func decode(_ part: Substring) -> String {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
    }
}
