public import AriannaKafka
public import AriannaProtocol
import Foundation

/// The hostile records every consumer must survive: for each topic some service reads, one
/// message of each ``PoisonKind``, each carrying a unique marker so the dead-letter topic can be
/// checked message by message (`arianna-bench poison` / `dead-letters`, the poison tests).
///
/// The marker travels three ways, so a dead-letter copy can be matched even if one is lost: the
/// ``markerHeader`` header, the record key and, where the bytes are an envelope, its `id`.
public enum PoisonCorpus {
    /// The header naming the poison message; `DeadLetterPublisher` keeps the original headers.
    public static let markerHeader = "arianna-poison-id"
    /// The header naming the ``PoisonKind``, for people reading the dead-letter topic.
    public static let kindHeader = "arianna-poison-kind"
    /// The size of the oversized payload: 1 MiB, above the 1,000,000-byte event limit.
    public static let oversizedPayloadBytes = 1 << 20

    /// The topics some service consumes, in a stable order (the reply and dead-letter topics are
    /// read by outside systems and people only).
    public static let consumedTopics: [Topic] = [
        .tickets, .appointments, .interventions, .setup, .billing, .intakeRequests
    ]

    /// The services whose consumer reads `topic`. Every service also reads the setup topic (it
    /// carries session ends and API keys); `PoisonCorpusConsumersTests` checks this list against
    /// the services' definitions so it cannot drift.
    public static func consumingServices(of topic: Topic) -> [String] {
        switch topic {
        case .tickets: ["planner", "notification", "webreport", "billing"]
        case .appointments: ["intake", "notification", "webreport"]
        case .interventions: ["intake", "planner", "notification", "billing"]
        case .setup: ["intake", "planner", "notification", "webreport", "billing"]
        case .billing: ["webreport"]
        case .intakeRequests: ["intake"]
        case .intakeReplies, .deadLetter: []
        }
    }

    /// A service's consumer group under a topic prefix (as `ServiceConfiguration.consumerGroupID`).
    public static func consumerGroup(of service: String, prefix: String) -> String {
        "\(prefix)arianna-\(service)"
    }

    /// The service a consumer group belongs to, for reports; the group itself when unknown.
    public static func service(ofGroup group: String, prefix: String) -> String {
        let bare = group.hasPrefix(prefix) ? group.dropFirst(prefix.count) : group[...]
        return bare.hasPrefix("arianna-") ? String(bare.dropFirst("arianna-".count)) : String(bare)
    }

    /// The corpus for `topic`: one message per kind, markers `<run>-<topic>-<kind>`.
    /// - Parameters:
    ///   - run: distinguishes this run's markers from earlier runs on the same broker.
    ///   - names: the run's topic names (its prefix).
    public static func messages(for topic: Topic, run: String, names: TopicNames) -> [PoisonMessage] {
        let base = PoisonBase.of(topic)
        return PoisonKind.allCases.map { kind in
            let id = "\(run)-\(topic.rawValue.replacingOccurrences(of: "arianna.", with: ""))-\(kind.rawValue)"
            let record = KafkaOutgoingMessage(
                topic: names.name(of: topic), key: Array(id.utf8), value: value(of: kind, base: base, id: id),
                headers: [
                    KafkaHeader(key: markerHeader, string: id),
                    KafkaHeader(key: kindHeader, string: kind.rawValue)
                ])
            return PoisonMessage(id: id, kind: kind, topic: topic, record: record, prefix: names.prefix)
        }
    }

    /// The valid event `topic`'s poison messages are made from, with envelope id `id`. Tests
    /// check that it decodes, so each poison message is poison for its own reason only.
    public static func validBase(for topic: Topic, id: String) -> [UInt8] {
        let base = PoisonBase.of(topic)
        return json(envelope(id: id, type: base.type, data: base.data))
    }

    /// The marker of a record, from its header or, failing that, its key.
    public static func marker(of message: KafkaMessage) -> String? {
        if let header = message.header(named: markerHeader)?.stringValue { return header }
        return message.key.flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// The bytes of one poison message.
    static func value(of kind: PoisonKind, base: PoisonBase, id: String) -> [UInt8] {
        switch kind {
        case .notJSON:
            return Array("\u{1}\u{FFFD} this is not JSON {\"id\": \(id)".utf8) + [0xFF, 0xFE, 0x00]
        case .notAnEnvelope:
            return json(["poison": id, "message": "a JSON object, but no CloudEvents attributes", "items": [1, 2, 3]])
        case .wrongSpecVersion:
            return json(envelope(id: id, type: base.type, data: base.data, specversion: "0.3"))
        case .unknownType:
            return json(envelope(id: id, type: "arianna.poison.unheard-of.v1", data: base.data))
        case .missingFields:
            return json(envelope(id: id, type: base.type, data: [:]))
        case .wrongJSONTypes:
            return json(envelope(id: id, type: base.type, data: base.data.mapValues(wrongType)))
        case .oversized:
            var data = base.data
            data["padding"] = String(repeating: "x", count: oversizedPayloadBytes)
            return json(envelope(id: id, type: base.type, data: data))
        case .newerVersion:
            let newer = base.type.replacingOccurrences(of: ".v1", with: ".v99")
            return json(envelope(id: id, type: newer, data: base.data))
        }
    }

    /// A CloudEvents 1.0 envelope around `data`.
    static func envelope(id: String, type: String, data: [String: Any], specversion: String = "1.0") -> [String: Any] {
        [
            "specversion": specversion, "id": id, "source": "/arianna-bench/poison", "type": type,
            "subject": id, "time": "2026-11-30T10:00:00.000Z", "datacontenttype": "application/json", "data": data
        ]
    }

    /// The same field with a JSON type its schema does not allow.
    static func wrongType(_ value: Any) -> Any {
        switch value {
        case is String: 12345
        case is Bool: "yes"
        case is Int, is Double: "twelve"
        case is [Any]: ["not": "a list"]
        case is [String: Any]: ["not an object"]
        default: 0
        }
    }

    /// The UTF-8 JSON of a base or a mutated envelope.
    static func json(_ object: Any) -> [UInt8] {
        // The objects above are built from JSON-safe values only.
        Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
    }
}
