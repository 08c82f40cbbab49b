/// Where the broker stored a record. Receiving one means the record is durably written with
/// `acks=all`, which is what lets the outbox relay mark a row as sent.
public struct KafkaDeliveryReport: Sendable, Equatable {
    /// The topic the record was written to.
    public let topic: String
    /// The partition the record was written to.
    public let partition: Int32
    /// The record's offset in that partition.
    public let offset: Int64

    /// Creates a report; public so that tests of code using the producer can fake one.
    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}
