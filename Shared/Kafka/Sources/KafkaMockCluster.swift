import CRdKafka
import Foundation
public import Logging

/// An in-process Kafka cluster from librdkafka's test support, for fast tests of code that
/// produces and consumes without a real broker. Point producers, consumers and admin calls at
/// ``bootstrapServers``; the cluster lives as long as this object.
///
/// It supports produce, fetch, consumer groups and offset commits, not durability. Topics are
/// made with ``createTopic(_:partitions:)``: librdkafka 2.8's mock brokers do not answer
/// CreateTopics, so ``KafkaAdmin/ensureTopics(_:configuration:timeout:logger:)`` does not work
/// against them (a topic first used without being created gets 4 partitions).
public final class KafkaMockCluster: Sendable {
    /// The `host:port` list of the mock brokers.
    public let bootstrapServers: String
    private let handle: RDKafkaHandle

    /// Starts a mock cluster with `brokers` brokers (ids 1…`brokers`) on loopback ports.
    ///
    /// `initialRebalanceDelay` is the broker's `group.initial.rebalance.delay.ms`: how long the
    /// first member of an empty group waits for others. Tests want 0 (the mock's default is 3 s).
    public init(
        brokers: Int = 1,
        initialRebalanceDelay: Duration = .zero,
        logger: Logger = Logger(label: "arianna.kafka.mock")
    ) throws(KafkaError) {
        // The cluster belongs to a client created only to host it, and dies with it.
        let handle = try RDKafkaHandle.make(
            type: RD_KAFKA_PRODUCER,
            properties: [
                "test.mock.num.brokers": String(brokers), "client.id": "arianna-mock-cluster", "log_level": "4"
            ],
            context: RDKafkaContext(logger: logger),
            installErrorCallback: false
        )
        guard let cluster = rd_kafka_handle_mock_cluster(handle.pointer),
            let servers = rd_kafka_mock_cluster_bootstraps(cluster).map({ String(cString: $0) })
        else {
            handle.destroy()
            throw KafkaError(kind: .other, message: "librdkafka did not start a mock cluster")
        }
        rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, initialRebalanceDelay.clampedMilliseconds)
        self.handle = handle
        self.bootstrapServers = servers
    }

    deinit {
        // rd_kafka_destroy joins librdkafka's threads: keep it off the caller's (possibly
        // cooperative) thread.
        let handle = self.handle
        Thread { handle.destroy() }.start()
    }

    /// A client configuration pointing at this cluster.
    public func clientConfiguration(clientID: String, extra: [String: String] = [:]) -> KafkaClientConfiguration {
        KafkaClientConfiguration(bootstrapServers: bootstrapServers, clientID: clientID, extra: extra)
    }

    /// Creates a topic (a quick hand-off to the mock cluster's thread).
    public func createTopic(_ name: String, partitions: Int = 1) throws(KafkaError) {
        let code = rd_kafka_mock_topic_create(cluster, name, Int32(clamping: partitions), 1)
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(code, "cannot create mock topic \(name)")
        }
    }

    /// Makes broker `id` (1-based) drop its connections and refuse new ones, to test how
    /// clients ride out an outage.
    public func setBrokerDown(_ id: Int32 = 1) throws(KafkaError) {
        let code = rd_kafka_mock_broker_set_down(cluster, id)
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(code, "cannot stop mock broker \(id)") }
    }

    /// Brings broker `id` back after ``setBrokerDown(_:)``.
    public func setBrokerUp(_ id: Int32 = 1) throws(KafkaError) {
        let code = rd_kafka_mock_broker_set_up(cluster, id)
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(code, "cannot start mock broker \(id)") }
    }

    /// The cluster, owned by ``handle``.
    private var cluster: OpaquePointer {
        // Non-nil: checked in init, and the cluster lives as long as the handle.
        rd_kafka_handle_mock_cluster(handle.pointer)!
    }
}
