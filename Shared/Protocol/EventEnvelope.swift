import Foundation

/// The members of a structured-mode CloudEvent that we read or write.
enum EnvelopeKey: String, CodingKey {
    /// The CloudEvents attributes (`specversion` … `datacontenttype`), our `correlationid`
    /// extension and the `data` member holding the event's payload, under their wire names.
    case specversion, id, source, type, subject, time, datacontenttype, correlationid, data
    /// Binary data in structured mode; we never produce it and reject it when received.
    case dataBase64 = "data_base64"
}

/// The envelope on the way out: attributes and `data` as siblings at the top level.
struct OutgoingEnvelope<Payload: DomainEvent>: Encodable {
    /// The CloudEvents attributes written beside `data`.
    let metadata: EventMetadata
    /// The payload, written as the `data` member.
    let data: Payload

    /// Writes the attributes and `data` as siblings, optional attributes only when present.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EnvelopeKey.self)
        try container.encode(metadata.specversion, forKey: .specversion)
        try container.encode(metadata.id, forKey: .id)
        try container.encode(metadata.source, forKey: .source)
        try container.encode(metadata.type, forKey: .type)
        try container.encodeIfPresent(metadata.subject, forKey: .subject)
        try container.encode(metadata.time, forKey: .time)
        try container.encode(metadata.datacontenttype, forKey: .datacontenttype)
        try container.encodeIfPresent(metadata.correlationid, forKey: .correlationid)
        try container.encode(data, forKey: .data)
    }
}

/// The envelope on the way in, decoded in one pass over the JSON.
///
/// Checks run in the order a dead-letter reader would want them: is it an object, is it
/// CloudEvents 1.0, are the required attributes there, do we know the type, is the payload good.
/// Every failure is thrown as ``EventDecodingError`` straight out of `JSONDecoder`.
struct IncomingEnvelope: Decodable {
    /// The decoded event and its attributes.
    let received: ReceivedEvent

    /// `datacontenttype` values whose `data` is a JSON value.
    private static func isJSON(_ contentType: String) -> Bool {
        let mediaType =
            contentType.split(separator: ";", maxSplits: 1).first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            } ?? ""
        return mediaType == "application/json" || mediaType == "text/json" || mediaType.hasSuffix("+json")
    }

    /// Decodes and checks the envelope in the order described above, throwing ``EventDecodingError``.
    init(from decoder: any Decoder) throws {
        let container: KeyedDecodingContainer<EnvelopeKey>
        do {
            container = try decoder.container(keyedBy: EnvelopeKey.self)
        } catch {
            throw EventDecodingError.malformedJSON("top level is not a JSON object")
        }

        guard let specversion = try Self.attribute(.specversion, in: container) else {
            throw EventDecodingError.missingAttribute("specversion")
        }
        guard specversion == "1.0" else { throw EventDecodingError.unsupportedSpecVersion(specversion) }
        guard let id = try Self.attribute(.id, in: container) else {
            throw EventDecodingError.missingAttribute("id")
        }
        guard let source = try Self.attribute(.source, in: container) else {
            throw EventDecodingError.missingAttribute("source")
        }
        guard let type = try Self.attribute(.type, in: container) else {
            throw EventDecodingError.missingAttribute("type")
        }
        guard let timeText = try Self.attribute(.time, in: container) else {
            throw EventDecodingError.missingAttribute("time")
        }
        guard let time = RFC3339.date(from: timeText) else {
            throw EventDecodingError.malformedJSON("attribute 'time' is not an RFC 3339 date-time")
        }
        let subject = try Self.attribute(.subject, in: container)
        let correlationID = try Self.attribute(.correlationid, in: container)
        let contentType = try Self.attribute(.datacontenttype, in: container) ?? "application/json"

        guard let entry = EventCatalogue.byType[type] else { throw EventDecodingError.unknownType(type) }
        guard Self.isJSON(contentType) else {
            throw EventDecodingError.invalidPayload(type: type, reason: "datacontenttype '\(contentType)' is not JSON")
        }
        guard container.contains(.data), !(try container.decodeNil(forKey: .data)) else {
            let reason =
                container.contains(.dataBase64) ? "data_base64 is not supported; send JSON data" : "data is missing"
            throw EventDecodingError.invalidPayload(type: type, reason: reason)
        }

        let event: AriannaEvent
        do {
            event = try entry.decode(container)
        } catch let error as EventDecodingError {
            throw error
        } catch {
            throw EventDecodingError.invalidPayload(type: type, reason: EventCodec.reason(for: error))
        }

        var metadata = EventMetadata(
            id: id, source: source, type: type, subject: subject, time: time, correlationID: correlationID)
        metadata.datacontenttype = contentType
        received = ReceivedEvent(metadata: metadata, event: event)
    }

    /// A string attribute; `nil` when absent, null or empty (CloudEvents requires non-empty values).
    private static func attribute(
        _ key: EnvelopeKey, in container: KeyedDecodingContainer<EnvelopeKey>
    ) throws -> String? {
        do {
            guard let value = try container.decodeIfPresent(String.self, forKey: key), !value.isEmpty else {
                return nil
            }
            return value
        } catch {
            throw EventDecodingError.malformedJSON("attribute '\(key.stringValue)' is not a string")
        }
    }
}
