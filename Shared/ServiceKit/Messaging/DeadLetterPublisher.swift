public import AriannaKafka
public import AriannaProtocol
public import Logging
import Metrics

/// Sends a message that can never be applied to `arianna.deadletter`, unchanged (key, value and
/// headers), with the reason and its origin (topic, partition, offset, consumer group) in headers;
/// a record too big to republish is cut down as ``DeadLetterCopy`` says.
public struct DeadLetterPublisher: Sendable {
    /// The service's one producer, shared with the outbox relay.
    let producer: KafkaProducer
    /// Names the dead-letter topic with the deployment's prefix.
    let topicNames: TopicNames
    /// The consumer group that gave up, written as the origin.
    let groupID: String
    /// Where each dead letter is logged, with its reason.
    let logger: Logger

    /// Publishes through the service's producer; `groupID` is written in the headers as the origin.
    public init(producer: KafkaProducer, topicNames: TopicNames, groupID: String, logger: Logger) {
        self.producer = producer
        self.topicNames = topicNames
        self.groupID = groupID
        self.logger = logger
    }

    /// Returns once the broker acknowledged the dead letter; retries transient failures.
    public func publish(_ message: KafkaMessage, reason: String) async throws {
        let deadLetter = DeadLetterCopy.record(
            of: message, reason: reason, groupID: groupID, deadLetterTopic: topicNames.name(of: .deadLetter))
        logger.warning(
            "dead-lettering a message",
            metadata: [
                LogKey.topic: "\(message.topic)", LogKey.partition: "\(message.partition)",
                LogKey.offset: "\(message.offset)", "reason": "\(reason)"
            ])
        var backoff = Duration.milliseconds(100)
        while true {
            do {
                _ = try await producer.send(deadLetter)
                Counter(label: MetricName.eventsDeadLettered).increment()
                return
            } catch {
                logger.error("dead-letter publish failed; retrying", metadata: [LogKey.error: "\(error)"])
                try await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
    }
}
