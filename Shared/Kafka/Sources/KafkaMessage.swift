public import struct Foundation.Date

/// A consumed record, copied out of librdkafka's buffers so that it can cross tasks freely.
/// Pass it back to ``KafkaConsumer/storeOffset(of:)`` once it has been processed.
public struct KafkaMessage: Sendable {
    /// The topic the record was read from.
    public let topic: String
    /// The partition the record was read from.
    public let partition: Int32
    /// The record's offset in its partition.
    public let offset: Int64
    /// The record key, `nil` when the producer sent none.
    public let key: [UInt8]?
    /// The payload; empty for a record without a value.
    public let value: [UInt8]
    /// The headers in the order the producer sent them.
    public let headers: [KafkaHeader]
    /// The record's create or log-append time, when the broker reports one.
    public let timestamp: Date?

    /// Creates a message; public so that handlers can be tested without a broker.
    public init(
        topic: String,
        partition: Int32,
        offset: Int64,
        key: [UInt8]?,
        value: [UInt8],
        headers: [KafkaHeader] = [],
        timestamp: Date? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    /// The first header with this name, if any.
    public func header(named key: String) -> KafkaHeader? {
        headers.first { $0.key == key }
    }
}
