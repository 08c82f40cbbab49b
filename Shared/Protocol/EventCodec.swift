import Foundation

/// Turns events into Kafka message values and back: CloudEvents 1.0, structured JSON mode.
///
/// ```json
/// {"correlationid":"…","data":{…},"datacontenttype":"application/json","id":"…",
///  "source":"/arianna/intake","specversion":"1.0","subject":"…","time":"2026-11-29T10:15:00.123Z",
///  "type":"ticket.opened.v1"}
/// ```
/// The one place where bytes become typed events (the Kafka adapter calls it), so every rule about
/// the wire format lives here: sorted keys, RFC 3339 UTC millisecond dates, unknown members ignored.
public enum EventCodec {
    /// Structured-mode JSON: `{"specversion":"1.0","id":…,"source":…,"type":…,"subject":…,"time":…,
    /// "datacontenttype":"application/json","correlationid":…,"data":{…}}`.
    ///
    /// Keys are sorted so equal events give equal bytes; `subject` and `correlationid` are left out
    /// when `nil`. The payload is not validated here: decoding is where rules are enforced.
    public static func encode<E: DomainEvent>(_ event: E, metadata: EventMetadata) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .rfc3339Milliseconds
        return Array(try encoder.encode(OutgoingEnvelope(metadata: metadata, data: event)))
    }

    /// Parses a structured-mode CloudEvent and its payload, then checks the payload's rules.
    ///
    /// Tolerates attributes and payload fields it does not know (forward compatibility); rejects
    /// types it does not know, including newer versions of known ones. Any error is final: the
    /// message belongs in dead letter, with ``EventDecodingError/description`` as its reason.
    public static func decode(_ bytes: [UInt8]) throws(EventDecodingError) -> ReceivedEvent {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .rfc3339
        do {
            return try decoder.decode(IncomingEnvelope.self, from: Data(bytes)).received
        } catch let error as EventDecodingError {
            throw error
        } catch {
            // Only the JSON parser itself can fail outside `IncomingEnvelope.init(from:)`.
            throw .malformedJSON(reason(for: error))
        }
    }

    /// The catalogue: every event type string we know, for docs/tests.
    public static let knownTypes: [String] = EventCatalogue.entries.map(\.type)

    /// A short reason for a `DecodingError` in `data`, naming the member by its JSON path inside `data`
    /// (the same paths the payload rules use).
    static func reason(for error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field '\(path(context.codingPath + [key]))'"
        case .valueNotFound(_, let context):
            return "field '\(path(context.codingPath))' must not be null"
        case .typeMismatch(let type, let context):
            return "field '\(path(context.codingPath))' is not \(jsonKind(of: type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return "not valid JSON"
            }
            return "field '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "undecodable value"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        var result = ""
        let insideData = codingPath.first?.stringValue == EnvelopeKey.data.stringValue
        for key in codingPath.dropFirst(insideData ? 1 : 0) {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return result.isEmpty ? "data" : result
    }

    private static func jsonKind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Double.Type: "a number"
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: "the expected kind of value"
        }
    }
}
