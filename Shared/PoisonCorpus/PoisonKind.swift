/// The ways a message on an Arianna topic can be unreadable, one corpus message each (issue 14,
/// section 1's poison row). Every consumer must dead-letter each of them and keep going.
public enum PoisonKind: String, Sendable, CaseIterable, Codable, Comparable {
    /// Bytes that are not JSON at all.
    case notJSON = "not-json"
    /// A JSON object that is not a CloudEvents envelope (no `specversion`, no `type`).
    case notAnEnvelope = "not-an-envelope"
    /// A CloudEvents envelope with `specversion` other than 1.0.
    case wrongSpecVersion = "wrong-specversion"
    /// A well-formed envelope whose `type` no Arianna service knows.
    case unknownType = "unknown-type"
    /// A known type whose `data` lacks the required fields.
    case missingFields = "missing-fields"
    /// A known type whose `data` fields have the wrong JSON types (numbers for strings and
    /// dates, strings for numbers, lists for objects).
    case wrongJSONTypes = "wrong-json-types"
    /// A known type, valid except for its size: a payload of 1 MiB, above the event size limit.
    case oversized = "oversized"
    /// A known type in a newer version than any service reads (`….v99`).
    case newerVersion = "newer-version"

    /// Orders kinds as the corpus lists them, for stable reports.
    public static func < (lhs: PoisonKind, rhs: PoisonKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
