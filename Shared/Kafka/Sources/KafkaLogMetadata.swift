/// The metadata keys this module puts on log lines, in one place so dashboards can rely on them.
enum KafkaLogMetadata {
    /// librdkafka's log facility (e.g. `FAIL`, `CGRP`).
    static let facility = "kafka.facility"
    /// A ``KafkaError`` description.
    static let error = "kafka.error"
    /// A topic name, or a list of them.
    static let topic = "kafka.topic"
    /// Partitions in a rebalance, as `topic[0, 1]`.
    static let partitions = "kafka.partitions"
    /// The rebalance protocol in use (`COOPERATIVE` or `EAGER`).
    static let protocolName = "kafka.rebalance.protocol"
    /// The consumer group.
    static let groupID = "kafka.group.id"
    /// The client id of the producer or consumer.
    static let clientID = "kafka.client.id"
    /// How many records were still queued.
    static let queued = "kafka.queued"
}
