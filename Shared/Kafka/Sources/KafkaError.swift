import CRdKafka

/// An error from the Kafka adapter, classified so that callers can decide what to do without
/// reading librdkafka's text: retry later (``isRetriable``), stop the process (``Kind/fatal``)
/// or fix the configuration. The message is for logs only, never for an end user.
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    /// What the caller can do about the error.
    public enum Kind: Sendable, Hashable {
        /// The client can no longer work (e.g. the idempotent producer lost its guarantees);
        /// recreate it or stop the service.
        case fatal
        /// A transient condition (broker unreachable, leader moving, queue full); try again.
        case retriable
        /// A wrong property, argument or topic layout; retrying will not help.
        case configuration
        /// The operation did not finish in time (e.g. `message.timeout.ms` expired); the
        /// outcome is unknown for a send, so resending is the safe choice.
        case timedOut
        /// The client was closed before or during the operation.
        case closed
        /// Anything else.
        case other
    }

    /// What the caller can do about the error.
    public let kind: Kind
    /// The raw `rd_kafka_resp_err_t` value, 0 when the error did not come from librdkafka.
    public let code: Int32
    /// A description for logs.
    public let message: String

    /// Creates an error with an explicit classification; useful for test doubles.
    public init(kind: Kind, code: Int32 = 0, message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    /// Creates an error from a raw `rd_kafka_resp_err_t` value, classified by ``kind(forCode:)``.
    /// Without a message, librdkafka's description of the code is used.
    public init(code: Int32, message: String? = nil) {
        self.init(
            kind: Self.kind(forCode: code),
            code: code,
            message: message ?? String(cString: rd_kafka_err2str(rd_kafka_resp_err_t(rawValue: code)))
        )
    }

    /// Whether trying the same operation again later can succeed.
    public var isRetriable: Bool {
        kind == .retriable || kind == .timedOut
    }

    /// librdkafka's symbolic name of ``code`` (e.g. `_MSG_TIMED_OUT`), or `nil` for code 0.
    public var codeName: String? {
        code == 0 ? nil : String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue: code)))
    }

    /// Kind, symbolic code and message, for logs.
    public var description: String {
        if let codeName {
            return "KafkaError.\(kind) [\(codeName)]: \(message)"
        }
        return "KafkaError.\(kind): \(message)"
    }
}

extension KafkaError {
    /// Classifies a raw `rd_kafka_resp_err_t` value. Local codes are negative, broker codes
    /// follow the Kafka protocol; codes that the protocol calls retriable map to `.retriable`.
    public static func kind(forCode code: Int32) -> Kind {
        switch rd_kafka_resp_err_t(rawValue: code) {
        case RD_KAFKA_RESP_ERR__FATAL, RD_KAFKA_RESP_ERR__FENCED, RD_KAFKA_RESP_ERR_PRODUCER_FENCED,
            RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER, RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH,
            RD_KAFKA_RESP_ERR_UNKNOWN_PRODUCER_ID, RD_KAFKA_RESP_ERR__GAPLESS_GUARANTEE,
            RD_KAFKA_RESP_ERR__INCONSISTENT:
            return .fatal
        case RD_KAFKA_RESP_ERR__MSG_TIMED_OUT, RD_KAFKA_RESP_ERR__TIMED_OUT,
            RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
            return .timedOut
        case RD_KAFKA_RESP_ERR__DESTROY, RD_KAFKA_RESP_ERR__PURGE_QUEUE,
            RD_KAFKA_RESP_ERR__PURGE_INFLIGHT:
            return .closed
        case RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN,
            RD_KAFKA_RESP_ERR__RESOLVE, RD_KAFKA_RESP_ERR__QUEUE_FULL, RD_KAFKA_RESP_ERR__WAIT_COORD,
            RD_KAFKA_RESP_ERR__ISR_INSUFF, RD_KAFKA_RESP_ERR__NODE_UPDATE, RD_KAFKA_RESP_ERR__RETRY,
            RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION,
            RD_KAFKA_RESP_ERR__IN_PROGRESS, RD_KAFKA_RESP_ERR__PREV_IN_PROGRESS,
            RD_KAFKA_RESP_ERR__WAIT_CACHE, RD_KAFKA_RESP_ERR__UNKNOWN_BROKER,
            RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE,
            RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE,
            RD_KAFKA_RESP_ERR_REPLICA_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION,
            RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS, RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
            RD_KAFKA_RESP_ERR_NOT_COORDINATOR, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
            RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND, RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS,
            RD_KAFKA_RESP_ERR_NOT_CONTROLLER, RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR,
            RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH, RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH,
            RD_KAFKA_RESP_ERR_OFFSET_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_PREFERRED_LEADER_NOT_AVAILABLE,
            RD_KAFKA_RESP_ERR_ELIGIBLE_LEADERS_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_UNSTABLE_OFFSET_COMMIT,
            RD_KAFKA_RESP_ERR_THROTTLING_QUOTA_EXCEEDED, RD_KAFKA_RESP_ERR_CONCURRENT_TRANSACTIONS,
            RD_KAFKA_RESP_ERR_FETCH_SESSION_ID_NOT_FOUND, RD_KAFKA_RESP_ERR_INVALID_FETCH_SESSION_EPOCH:
            return .retriable
        case RD_KAFKA_RESP_ERR__INVALID_ARG, RD_KAFKA_RESP_ERR__SSL,
            RD_KAFKA_RESP_ERR__AUTHENTICATION, RD_KAFKA_RESP_ERR__NOT_CONFIGURED,
            RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE, RD_KAFKA_RESP_ERR__UNKNOWN_PROTOCOL,
            RD_KAFKA_RESP_ERR__INVALID_TYPE, RD_KAFKA_RESP_ERR__READ_ONLY,
            RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION, RD_KAFKA_RESP_ERR_INVALID_PARTITIONS,
            RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR, RD_KAFKA_RESP_ERR_INVALID_REPLICA_ASSIGNMENT,
            RD_KAFKA_RESP_ERR_INVALID_CONFIG, RD_KAFKA_RESP_ERR_INVALID_REQUIRED_ACKS,
            RD_KAFKA_RESP_ERR_INVALID_GROUP_ID, RD_KAFKA_RESP_ERR_INVALID_SESSION_TIMEOUT,
            RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED,
            RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_UNSUPPORTED_SASL_MECHANISM,
            RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED, RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION,
            RD_KAFKA_RESP_ERR_POLICY_VIOLATION, RD_KAFKA_RESP_ERR_INCONSISTENT_GROUP_PROTOCOL,
            RD_KAFKA_RESP_ERR_UNSUPPORTED_COMPRESSION_TYPE, RD_KAFKA_RESP_ERR_UNSUPPORTED_ASSIGNOR,
            RD_KAFKA_RESP_ERR_SECURITY_DISABLED:
            return .configuration
        default:
            return .other
        }
    }

    /// An error for an operation on a client that is already closed.
    static func closed(_ what: String) -> KafkaError {
        KafkaError(kind: .closed, code: RD_KAFKA_RESP_ERR__DESTROY.rawValue, message: "\(what): the client is closed")
    }

    /// An error from a librdkafka response code.
    init(_ err: rd_kafka_resp_err_t, _ context: String? = nil) {
        let text = String(cString: rd_kafka_err2str(err))
        self.init(code: err.rawValue, message: context.map { "\($0): \(text)" } ?? text)
    }

    /// Converts and destroys an `rd_kafka_error_t`, which carries its own fatal/retriable flags.
    init(consuming error: OpaquePointer, _ context: String? = nil) {
        defer { rd_kafka_error_destroy(error) }
        let code = rd_kafka_error_code(error).rawValue
        let text = rd_kafka_error_string(error).map { String(cString: $0) } ?? ""
        let kind: Kind =
            if rd_kafka_error_is_fatal(error) != 0 {
                .fatal
            } else if rd_kafka_error_is_retriable(error) != 0 {
                .retriable
            } else {
                Self.kind(forCode: code)
            }
        self.init(kind: kind, code: code, message: context.map { "\($0): \(text)" } ?? text)
    }
}
