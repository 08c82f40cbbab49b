import CRdKafka
import Foundation
public import Logging

/// Cluster administration the services need at start-up: making sure their topics exist.
/// Topics are created explicitly because brokers differ in whether (and how) they auto-create
/// them; Tansu does not do it reliably.
public enum KafkaAdmin {
    /// A topic to create.
    public struct TopicSpecification: Sendable, Hashable {
        /// The topic name.
        public var name: String
        /// The partition count; it bounds how many members of one group can share the work.
        public var partitions: Int
        /// Copies of each partition; 1 for a single broker.
        public var replicationFactor: Int = 1

        /// Creates a topic specification.
        public init(name: String, partitions: Int, replicationFactor: Int = 1) {
            self.name = name
            self.partitions = partitions
            self.replicationFactor = replicationFactor
        }
    }

    /// Creates the topics that don't exist yet; "already exists" is success, so every service
    /// can call this at start-up. While the broker is unreachable (or answers with a retriable
    /// error) it retries until `timeout`, which lets services start before the broker.
    ///
    /// Throws `.configuration` for an invalid specification (no name, fewer than one partition
    /// or replica) or a topic the broker refuses, and the last retriable error, or `.timedOut`,
    /// when `timeout` runs out. Existing topics are left as they are, even when their partition
    /// count differs.
    public static func ensureTopics(
        _ topics: [TopicSpecification],
        configuration: KafkaClientConfiguration,
        timeout: Duration,
        logger: Logger
    ) async throws(KafkaError) {
        guard !topics.isEmpty else { return }
        if let invalid = topics.first(where: { $0.name.isEmpty || $0.partitions < 1 || $0.replicationFactor < 1 }) {
            throw KafkaError(
                kind: .configuration,
                code: RD_KAFKA_RESP_ERR__INVALID_ARG.rawValue,
                message:
                    "invalid topic \"\(invalid.name)\": \(invalid.partitions) partition(s), replication factor \(invalid.replicationFactor)"
            )
        }
        var properties = configuration.baseProperties
        properties.merge(configuration.extra(forConsumer: false)) { $1 }
        let handle = try RDKafkaHandle.make(
            type: RD_KAFKA_PRODUCER,
            properties: properties,
            context: RDKafkaContext(logger: logger),
            // Nobody polls this client's main queue, so errors would only pile up there.
            installErrorCallback: false
        )
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let result: Result<Void, KafkaError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                let result = RDKafkaAdminSession(handle: handle, logger: logger).createTopics(
                    topics, deadline: deadline)
                handle.destroy()
                continuation.resume(returning: result)
            }
            thread.name = "kafka-admin"
            thread.start()
        }
        try result.get()
    }
}

/// The blocking part of ``KafkaAdmin``, run on its own thread.
struct RDKafkaAdminSession {
    /// The admin client, used only on the session's thread.
    let handle: RDKafkaHandle
    /// Where retries and broker answers are logged.
    let logger: Logger

    /// How one attempt went.
    private enum Attempt {
        case done
        /// Try again with these topics.
        case retry([KafkaAdmin.TopicSpecification], KafkaError)
    }

    /// Creates `topics`, retrying those the broker could not create yet until `deadline`;
    /// a topic that already exists counts as created.
    func createTopics(_ topics: [KafkaAdmin.TopicSpecification], deadline: ContinuousClock.Instant) -> Result<
        Void, KafkaError
    > {
        var pending = topics
        var lastError: KafkaError?
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                return .failure(
                    lastError
                        ?? KafkaError(
                            kind: .timedOut, code: RD_KAFKA_RESP_ERR__TIMED_OUT.rawValue,
                            message: "ensureTopics timed out")
                )
            }
            switch attempt(pending, timeout: min(remaining, .seconds(10))) {
            case .success(.done):
                return .success(())
            case .success(.retry(let topics, let error)):
                pending = topics
                lastError = error
                logger.notice(
                    "Kafka topics not created yet; retrying",
                    metadata: [KafkaLogMetadata.error: "\(error)", KafkaLogMetadata.topic: "\(topics.map(\.name))"]
                )
                let pause = min(ContinuousClock.now.duration(to: deadline), .milliseconds(500))
                if pause > .zero {
                    Thread.sleep(forTimeInterval: Double(pause.clampedMilliseconds) / 1000)
                }
            case .failure(let error):
                return .failure(error)
            }
        }
    }

    private func attempt(_ topics: [KafkaAdmin.TopicSpecification], timeout: Duration) -> Result<Attempt, KafkaError> {
        var errorText = [CChar](repeating: 0, count: 512)
        var newTopics: [OpaquePointer?] = []
        defer {
            for newTopic in newTopics { rd_kafka_NewTopic_destroy(newTopic) }
        }
        for topic in topics {
            guard
                let newTopic = rd_kafka_NewTopic_new(
                    topic.name, Int32(clamping: topic.partitions), Int32(clamping: topic.replicationFactor),
                    &errorText, errorText.count)
            else {
                return .failure(
                    KafkaError(
                        kind: .configuration,
                        code: RD_KAFKA_RESP_ERR__INVALID_ARG.rawValue,
                        message: "invalid topic \(topic.name): \(decodeCString(errorText))"
                    )
                )
            }
            newTopics.append(newTopic)
        }

        let options = rd_kafka_AdminOptions_new(handle.pointer, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeout.clampedMilliseconds, &errorText, errorText.count)
        _ = rd_kafka_AdminOptions_set_operation_timeout(
            options, timeout.clampedMilliseconds, &errorText, errorText.count)

        let queue = rd_kafka_queue_new(handle.pointer)
        defer { rd_kafka_queue_destroy(queue) }
        newTopics.withUnsafeMutableBufferPointer { buffer in
            rd_kafka_CreateTopics(handle.pointer, buffer.baseAddress, buffer.count, options, queue)
        }
        // The request times out on its own; the extra second only guards against a lost event.
        guard let event = rd_kafka_queue_poll(queue, timeout.clampedMilliseconds &+ 1000) else {
            return .success(
                .retry(
                    topics,
                    KafkaError(
                        kind: .timedOut, code: RD_KAFKA_RESP_ERR__TIMED_OUT.rawValue,
                        message: "CreateTopics got no answer")))
        }
        defer { rd_kafka_event_destroy(event) }

        let eventCode = rd_kafka_event_error(event)
        if eventCode != RD_KAFKA_RESP_ERR_NO_ERROR {
            let error = KafkaError(eventCode, rd_kafka_event_error_string(event).map { String(cString: $0) })
            return error.isRetriable ? .success(.retry(topics, error)) : .failure(error)
        }
        guard let result = rd_kafka_event_CreateTopics_result(event) else {
            return .failure(KafkaError(kind: .other, message: "CreateTopics returned an unexpected event"))
        }
        var count = 0
        guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else {
            return .success(.done)
        }
        var retry: [KafkaAdmin.TopicSpecification] = []
        var retryError: KafkaError?
        for index in 0..<count {
            guard let topicResult = results[index] else { continue }
            let name = String(cString: rd_kafka_topic_result_name(topicResult))
            let code = rd_kafka_topic_result_error(topicResult)
            switch code {
            case RD_KAFKA_RESP_ERR_NO_ERROR:
                logger.info("Kafka topic created", metadata: [KafkaLogMetadata.topic: "\(name)"])
            case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
                logger.debug("Kafka topic already exists", metadata: [KafkaLogMetadata.topic: "\(name)"])
            default:
                let message = rd_kafka_topic_result_error_string(topicResult).map { String(cString: $0) }
                let error = KafkaError(code, "cannot create topic \(name)" + (message.map { ": \($0)" } ?? ""))
                guard error.isRetriable, let topic = topics.first(where: { $0.name == name }) else {
                    return .failure(error)
                }
                retry.append(topic)
                retryError = error
            }
        }
        if let retryError {
            return .success(.retry(retry, retryError))
        }
        return .success(.done)
    }
}
