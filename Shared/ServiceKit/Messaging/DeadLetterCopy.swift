public import AriannaKafka
import Crypto

/// What goes to the dead-letter topic for a message that cannot be applied: the original key,
/// value and headers, plus the reason and the origin — or, for a record too big to republish
/// under the producer's ``KafkaSizeLimits/maximumEventBytes``, its first
/// ``keptBytesOfOversized`` bytes with the original size and SHA-256 in headers, so that every
/// poison message can be dead-lettered and its partition never stalls behind it.
public enum DeadLetterCopy {
    /// A record whose key, value and headers together exceed this is cut down (room is left for
    /// the dead-letter headers and the record's framing).
    public static let wholeCopyLimit = KafkaSizeLimits.maximumEventBytes - 64 * 1024
    /// How much of an oversized value, key or header list the copy keeps: 64 KiB each.
    public static let keptBytesOfOversized = 64 * 1024

    /// The dead-letter record for `message`, consumed by group `groupID`, on topic `deadLetterTopic`.
    public static func record(
        of message: KafkaMessage, reason: String, groupID: String, deadLetterTopic: String
    ) -> KafkaOutgoingMessage {
        let origin = [
            KafkaHeader(key: HeaderName.deadLetterReason, string: reason),
            KafkaHeader(key: HeaderName.originTopic, string: message.topic),
            KafkaHeader(key: HeaderName.originPartition, string: String(message.partition)),
            KafkaHeader(key: HeaderName.originOffset, string: String(message.offset)),
            KafkaHeader(key: HeaderName.originGroup, string: groupID)
        ]
        let headerBytes = message.headers.reduce(0) { $0 + $1.key.utf8.count + $1.value.count }
        let total = (message.key?.count ?? 0) + message.value.count + headerBytes
        guard total > wholeCopyLimit else {
            return KafkaOutgoingMessage(
                topic: deadLetterTopic, key: message.key, value: message.value, headers: message.headers + origin)
        }
        // Too big to republish whole: keep the beginning of each part and say what was cut.
        var kept: [KafkaHeader] = []
        var keptBytes = 0
        for header in message.headers {
            let size = header.key.utf8.count + header.value.count
            guard keptBytes + size <= keptBytesOfOversized else { break }
            kept.append(header)
            keptBytes += size
        }
        let digest = SHA256.hash(data: message.value).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        let truncation = [
            KafkaHeader(key: HeaderName.deadLetterTruncated, string: "true"),
            KafkaHeader(key: HeaderName.originalValueBytes, string: String(message.value.count)),
            KafkaHeader(key: HeaderName.originalValueSHA256, string: digest),
            KafkaHeader(key: HeaderName.originalKeyBytes, string: String(message.key?.count ?? 0)),
            KafkaHeader(key: HeaderName.originalHeaderCount, string: String(message.headers.count))
        ]
        return KafkaOutgoingMessage(
            topic: deadLetterTopic, key: message.key.map { Array($0.prefix(keptBytesOfOversized)) },
            value: Array(message.value.prefix(keptBytesOfOversized)), headers: kept + origin + truncation)
    }
}
