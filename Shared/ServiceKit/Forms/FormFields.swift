import Foundation
public import Hummingbird

/// The fields of a form a page posted (`application/x-www-form-urlencoded`, as an HTML form
/// sends it), or the text fields of a multipart form: what the back office typed, read by name.
///
/// A name may come several times: a checkbox group or a multiple select sends its plain name
/// once per ticked value (permissions, services, practices, a setup object's groups). That is
/// why this is not Hummingbird's `URLEncodedFormDecoder`: it refuses a repeated name
/// (`duplicateKeys`) unless the form writes `name[]`. Percent decoding is Foundation's.
public struct FormFields: Sendable {
    /// Every value sent under each name, in the order sent.
    public private(set) var values: [String: [String]] = [:]

    /// The fields of a urlencoded body: `+` is a space, `%XX` a byte of UTF-8, a pair without
    /// `=` a name with an empty value; a value that is not valid percent encoding stays as sent.
    public init(encoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[Self.decode(parts[0]), default: []].append(parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// Fields from name–value pairs in the order sent (a multipart form's text parts).
    public init(pairs: [(name: String, value: String)]) {
        for (name, value) in pairs { values[name, default: []].append(value) }
    }

    /// No field: the blank form a page shows before anything is posted.
    public static let empty = FormFields(pairs: [])

    /// Reads a form body of at most `limit` bytes.
    public static func read(_ request: Request, limit: Int = 1 << 20) async throws -> FormFields {
        let buffer = try await request.body.collect(upTo: limit)
        return FormFields(encoded: String(buffer: buffer))
    }

    /// The first value of `key`, trimmed; nil when missing or blank.
    public subscript(_ key: String) -> String? {
        guard let value = values[key]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else { return nil }
        return value
    }

    /// The first value of `key` exactly as sent (not trimmed, possibly empty): what a token is.
    public func first(_ key: String) -> String? {
        values[key]?.first
    }

    /// Every field whose name starts with `prefix`, keyed by the rest of the name: the layout
    /// fields of an activity type (`field.REPAIR.appliance`).
    public func group(_ prefix: String) -> [String: String] {
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
