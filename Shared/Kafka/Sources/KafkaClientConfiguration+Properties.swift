/// Raw librdkafka properties written as text, so that how a deployment tunes its clients for
/// its broker (e.g. `fetch.wait.max.ms` for Tansu's storage engines, see scripts/broker.sh) is
/// set where the broker is started rather than compiled in.
extension KafkaClientConfiguration {
    /// Parses `key=value` pairs separated by spaces, commas or new lines (`#` starts a comment
    /// line), e.g. `fetch.wait.max.ms=10 linger.ms=0`. Throws ``KafkaError`` with kind
    /// `.configuration` naming the first malformed entry; an empty text is no properties.
    public static func properties(parsing text: String) throws(KafkaError) -> [String: String] {
        var properties: [String: String] = [:]
        let lines = text.split(whereSeparator: \.isNewline).filter {
            !$0.trimmingPrefix(while: \.isWhitespace).hasPrefix("#")
        }
        for entry in lines.flatMap({ $0.split(whereSeparator: { $0 == "," || $0.isWhitespace }) }) {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw KafkaError(kind: .configuration, message: "expected key=value, not '\(entry)'")
            }
            properties[String(parts[0])] = String(parts[1])
        }
        return properties
    }
}

extension KafkaClientConfiguration {
    /// Properties librdkafka applies to consumers only (it warns, CONFWARN, when a producer or
    /// the admin client is given one): `fetch.*`, `group.*` and these.
    static let consumerOnlyProperties: Set<String> = [
        "session.timeout.ms", "heartbeat.interval.ms", "max.poll.interval.ms", "auto.offset.reset",
        "enable.auto.commit", "auto.commit.interval.ms", "enable.auto.offset.store",
        "partition.assignment.strategy", "queued.min.messages", "queued.max.messages.kbytes",
        "isolation.level", "check.crcs", "enable.partition.eof"
    ]

    /// Properties librdkafka applies to producers only (it warns when a consumer is given one).
    static let producerOnlyProperties: Set<String> = [
        "linger.ms", "queue.buffering.max.ms", "queue.buffering.max.messages", "queue.buffering.max.kbytes",
        "acks", "request.required.acks", "enable.idempotence", "message.timeout.ms", "delivery.timeout.ms",
        "batch.num.messages", "batch.size", "compression.type", "compression.codec", "retries",
        "message.send.max.retries"
    ]

    /// ``extra`` without what belongs to the other kind of client, so that one text for the
    /// whole deployment (`ARIANNA_KAFKA_PROPERTIES`) tunes consumers and producers alike without
    /// a configuration warning in every service's log. Unknown keys are kept: librdkafka
    /// refuses them, which is how a typo is noticed.
    func extra(forConsumer consumer: Bool) -> [String: String] {
        extra.filter { key, _ in
            if consumer { return !Self.producerOnlyProperties.contains(key) }
            return !(key.hasPrefix("fetch.") || key.hasPrefix("group.") || Self.consumerOnlyProperties.contains(key))
        }
    }
}
