/// A record to publish. The key decides the partition (Arianna uses the aggregate id), so all
/// events of one aggregate stay in order.
public struct KafkaOutgoingMessage: Sendable {
    /// The destination topic; it must exist (topics are created by ``KafkaAdmin``).
    public var topic: String
    /// The partitioning key; `nil` lets librdkafka spread keyless records.
    public var key: [UInt8]?
    /// The payload bytes.
    public var value: [UInt8]
    /// Headers in the order they are sent.
    public var headers: [KafkaHeader]

    /// Creates a record to publish.
    public init(topic: String, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader] = []) {
        self.topic = topic
        self.key = key
        self.value = value
        self.headers = headers
    }
}
