/// One Kafka record header. Arianna carries CloudEvents attributes and dead-letter reasons in
/// headers, so keys are text and values stay raw bytes (a header value may be any encoding).
public struct KafkaHeader: Sendable, Equatable, Hashable {
    /// The header name; Kafka allows duplicates, so order in a message's list is kept.
    public var key: String
    /// The raw header value.
    public var value: [UInt8]

    /// Creates a header from raw bytes.
    public init(key: String, value: [UInt8]) {
        self.key = key
        self.value = value
    }

    /// Creates a header whose value is the UTF-8 encoding of `value`.
    public init(key: String, string value: String) {
        self.init(key: key, value: Array(value.utf8))
    }

    /// The value decoded as UTF-8, or `nil` when it is not valid UTF-8.
    public var stringValue: String? {
        String(validating: value, as: UTF8.self)
    }
}
