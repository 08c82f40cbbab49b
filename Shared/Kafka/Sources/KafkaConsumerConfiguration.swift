/// A consumer group member reading some topics. Offsets are stored by the application after
/// its transaction commits and committed by librdkafka in the background and on close.
public struct KafkaConsumerConfiguration: Sendable {
    /// Brokers, client id and raw overrides.
    public var client: KafkaClientConfiguration
    /// The consumer group; members of one group split the partitions.
    public var groupID: String
    /// The topics to subscribe to.
    public var topics: [String]
    /// How long the group waits for a silent member before reassigning its partitions
    /// (librdkafka `session.timeout.ms`). A join takes about half of this on Tansu, so keep it low.
    public var sessionTimeoutMilliseconds: Int = 6000
    /// Where a group without a committed offset starts: the oldest record (`true`) or only new
    /// ones (librdkafka `auto.offset.reset`).
    public var startFromEarliest: Bool = true
    /// How long ``KafkaConsumer/close()`` waits for the group coordinator before giving up on a
    /// clean leave: librdkafka's close waits for it as long as it takes, forever when the broker
    /// is gone (docs/RELIABILITY.md, finding 7). The group then reassigns the partitions after
    /// the session timeout, and offsets not committed are delivered again to the inbox.
    public var closeTimeout: Duration = .seconds(10)

    /// Creates a consumer configuration with a 6 s session timeout, starting from the earliest
    /// record.
    public init(client: KafkaClientConfiguration, groupID: String, topics: [String]) {
        self.client = client
        self.groupID = groupID
        self.topics = topics
    }

    /// All librdkafka properties of the consumer, ``KafkaClientConfiguration/extra`` last.
    var properties: [String: String] {
        var properties = client.baseProperties
        properties.merge([
            "group.id": groupID,
            "enable.auto.commit": "true",
            "enable.auto.offset.store": "false",
            "auto.offset.reset": startFromEarliest ? "earliest" : "latest",
            "partition.assignment.strategy": "cooperative-sticky",
            "session.timeout.ms": String(sessionTimeoutMilliseconds),
            "heartbeat.interval.ms": String(max(100, sessionTimeoutMilliseconds / 3)),
            // How long the broker may hold a fetch that found nothing new (librdkafka's default
            // is 500 ms). Apache Kafka answers a held fetch as soon as a record arrives, so this
            // only bounds its idle requests; Tansu 0.6 does not: it answers after the full wait,
            // so a new event waits for up to this long (half of it on average). 100 ms suits
            // both; scripts/broker.sh says what suits each of Tansu's storage engines and the
            // services take it from ARIANNA_KAFKA_PROPERTIES (docs/BENCHMARKS.md, issue 13).
            "fetch.wait.max.ms": "100",
            // How often the consumer asks for the cluster's topics anew (librdkafka's default is
            // 5 minutes). Services start side by side and each creates the topics; on the durable
            // broker a member that found a subscribed topic missing at its start read nothing of
            // it until the next refresh: the chaos matrix's driver waited 5 minutes for the
            // planner to learn of the first technicians (docs/RELIABILITY.md, finding 6).
            "topic.metadata.refresh.interval.ms": "10000",
            // A record above the event limit must still be read, so it can be dead-lettered
            // rather than stall its partition (see KafkaSizeLimits).
            "max.partition.fetch.bytes": String(KafkaSizeLimits.maximumFetchBytes),
            "fetch.max.bytes": String(KafkaSizeLimits.maximumFetchBytes),
            "receive.message.max.bytes": String(KafkaSizeLimits.maximumReceiveBytes)
        ]) { $1 }
        properties.merge(client.extra(forConsumer: true)) { $1 }
        return properties
    }
}
