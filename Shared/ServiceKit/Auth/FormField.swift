import Foundation
public import Hummingbird

/// Reads one field from an `application/x-www-form-urlencoded` or `multipart/form-data` body,
/// without consuming it for the route (the collected body is put back on the request).
public enum FormField {
    /// The value of `name` in `request`'s form body, or nil.
    public static func value(_ name: String, in request: inout Request, limit: Int = 10 * 1_048_576) async throws -> String? {
        guard let contentType = request.headers[.contentType]?.lowercased() else { return nil }
        let isURLEncoded = contentType.hasPrefix("application/x-www-form-urlencoded")
        let isMultipart = contentType.hasPrefix("multipart/form-data")
        guard isURLEncoded || isMultipart else { return nil }
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw HTTPError(.contentTooLarge, message: "The body is larger than \(limit / 1_048_576) MiB.")
        }
        let text = String(buffer: buffer)
        if isURLEncoded { return urlEncoded(name, in: text) }
        guard let original = request.headers[.contentType], let boundary = boundary(of: original) else { return nil }
        return multipart(name, in: text, boundary: boundary)
    }

    /// The first value of `name` in a urlencoded body.
    static func urlEncoded(_ name: String, in body: String) -> String? {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            if key == name { return parts.count > 1 ? decode(parts[1]) : "" }
        }
        return nil
    }

    private static func decode(_ text: Substring) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
    }

    /// The `boundary` parameter of a multipart content type.
    static func boundary(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let trimmed = parameter.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased().hasPrefix("boundary=") {
                return String(trimmed.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// The value of the part named `name` in a multipart body.
    static func multipart(_ name: String, in body: String, boundary: String) -> String? {
        for part in body.components(separatedBy: "--\(boundary)") {
            guard let split = part.range(of: "\r\n\r\n") else { continue }
            let headers = part[..<split.lowerBound].lowercased()
            guard headers.contains("name=\"\(name.lowercased())\"") else { continue }
            var value = String(part[split.upperBound...])
            if value.hasSuffix("\r\n") { value.removeLast() }  // "\r\n" is one Character
            return value
        }
        return nil
    }
}
