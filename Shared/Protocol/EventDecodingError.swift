/// Why a message could not be turned into a ``ReceivedEvent``.
///
/// Every case means a poison message: the consumer sends it to ``Topic/deadLetter`` with
/// ``description`` as the reason header and moves on; retrying would fail the same way.
public enum EventDecodingError: Error, Equatable, CustomStringConvertible {
    /// Not JSON, not a JSON object, or a CloudEvents attribute of the wrong JSON type or format
    /// (e.g. a `time` that is not RFC 3339).
    case malformedJSON(String)
    /// A required CloudEvents attribute (`specversion`, `id`, `source`, `type`, `time`) is absent or empty.
    case missingAttribute(String)
    /// `specversion` is not `"1.0"`.
    case unsupportedSpecVersion(String)
    /// A `type` not in ``EventCodec/knownTypes``, including newer versions such as `ticket.opened.v2`.
    case unknownType(String)
    /// The type is known but `data` is absent, does not match the payload schema, or breaks a rule
    /// (empty id, end before start, non-positive quantity…).
    case invalidPayload(type: String, reason: String)

    /// One short, single-line reason, safe to put in a dead-letter header.
    public var description: String {
        switch self {
        case .malformedJSON(let reason):
            "malformed JSON: \(Self.clip(reason))"
        case .missingAttribute(let name):
            "missing CloudEvents attribute '\(Self.clip(name))'"
        case .unsupportedSpecVersion(let version):
            "unsupported CloudEvents specversion '\(Self.clip(version))'"
        case .unknownType(let type):
            "unknown event type '\(Self.clip(type))'"
        case .invalidPayload(let type, let reason):
            "invalid \(Self.clip(type)) payload: \(Self.clip(reason))"
        }
    }

    /// Values may come from a hostile producer: keep headers short and on one line.
    private static func clip(_ text: String, limit: Int = 200) -> String {
        let oneLine = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return oneLine.count > limit ? String(oneLine.prefix(limit)) + "…" : oneLine
    }
}
