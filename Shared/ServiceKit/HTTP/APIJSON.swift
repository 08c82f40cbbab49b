public import Foundation

/// The JSON coding of our HTTP APIs: RFC 3339 dates in UTC with milliseconds, sorted keys.
/// Requests may send dates with or without the fraction and with any offset.
public enum APIJSON {
    /// Encodes answers: sorted keys, unescaped slashes, dates as `format(_:)` writes them.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        return encoder
    }

    /// Decodes request bodies, accepting any RFC 3339 date-time `parse(_:)` reads.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "'\(text)' is not an RFC 3339 date-time such as 2026-03-02T09:30:00Z")
            }
            return date
        }
        return decoder
    }

    /// `2026-03-02T09:30:00.000Z`: UTC with milliseconds, as every API answers.
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// An RFC 3339 date-time with or without the fraction; nil for anything else.
    public static func parse(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
            ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}
