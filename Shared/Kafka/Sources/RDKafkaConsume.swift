import CRdKafka
import Foundation
import Logging

/// The C side of consuming: copying records out of librdkafka and the rebalance callback.
enum RDKafkaConsume {
    /// Copies a successfully consumed record (err == 0) into a ``KafkaMessage``.
    static func message(from pointer: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaMessage {
        let raw = pointer.pointee
        let topic = raw.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        let key: [UInt8]? = raw.key.map { Array(UnsafeRawBufferPointer(start: $0, count: raw.key_len)) }
        let value: [UInt8] = raw.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: raw.len)) } ?? []

        var headers: [KafkaHeader] = []
        var list: OpaquePointer?
        if rd_kafka_message_headers(pointer, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list {
            var index = 0
            var name: UnsafePointer<CChar>?
            var headerValue: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(list, index, &name, &headerValue, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                let bytes: [UInt8] = headerValue.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
                headers.append(KafkaHeader(key: name.map { String(cString: $0) } ?? "", value: bytes))
                index += 1
            }
        }

        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let milliseconds = rd_kafka_message_timestamp(pointer, &timestampType)
        let timestamp: Date? =
            milliseconds >= 0 && timestampType != RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
            ? Date(timeIntervalSince1970: Double(milliseconds) / 1000) : nil

        return KafkaMessage(
            topic: topic,
            partition: raw.partition,
            offset: raw.offset,
            key: key,
            value: value,
            headers: headers,
            timestamp: timestamp
        )
    }

    /// Applies a group rebalance. With `cooperative-sticky` (our default) librdkafka hands over
    /// only the partitions that move, which must be added/removed incrementally; with an eager
    /// assignor (possible through `extra`, or while a group migrates) the whole assignment is
    /// replaced. Stored offsets of revoked partitions are committed by librdkafka itself
    /// (auto-commit on unassign). Served from `rd_kafka_consumer_poll`/`_close`, i.e. on the
    /// consumer's queue.
    static let rebalanceCallback:
        @convention(c) (
            OpaquePointer?, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
            UnsafeMutableRawPointer?
        ) -> Void = { handle, event, partitions, opaque in
            guard let handle else { return }
            let logger = RDKafkaContext.from(opaque: opaque)?.logger ?? Logger(label: "arianna.kafka")
            let protocolName = rd_kafka_rebalance_protocol(handle).map { String(cString: $0) } ?? "NONE"
            let cooperative = protocolName == "COOPERATIVE"
            var metadata: Logger.Metadata = [
                KafkaLogMetadata.protocolName: "\(protocolName)",
                KafkaLogMetadata.partitions: "\(describe(partitions))"
            ]

            var failure: KafkaError?
            switch event {
            case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
                logger.info("Kafka partitions assigned", metadata: metadata)
                if cooperative {
                    if let error = rd_kafka_incremental_assign(handle, partitions) {
                        failure = KafkaError(consuming: error, "incremental assign")
                    }
                } else {
                    let code = rd_kafka_assign(handle, partitions)
                    if code != RD_KAFKA_RESP_ERR_NO_ERROR { failure = KafkaError(code, "assign") }
                }
            case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
                let lost = rd_kafka_assignment_lost(handle) != 0
                logger.info(lost ? "Kafka partitions lost" : "Kafka partitions revoked", metadata: metadata)
                if cooperative {
                    if let error = rd_kafka_incremental_unassign(handle, partitions) {
                        failure = KafkaError(consuming: error, "incremental unassign")
                    }
                } else {
                    let code = rd_kafka_assign(handle, nil)
                    if code != RD_KAFKA_RESP_ERR_NO_ERROR { failure = KafkaError(code, "unassign") }
                }
            default:
                metadata[KafkaLogMetadata.error] = "\(KafkaError(event))"
                logger.error("Kafka rebalance failed; dropping the assignment", metadata: metadata)
                _ = rd_kafka_assign(handle, nil)
            }
            if let failure {
                metadata[KafkaLogMetadata.error] = "\(failure)"
                logger.error("Kafka rebalance could not be applied", metadata: metadata)
            }
        }

    /// `topic[partition, …]` for logs.
    static func describe(_ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) -> String {
        guard let list, let elements = list.pointee.elems else { return "[]" }
        var byTopic: [String: [Int32]] = [:]
        for index in 0..<Int(list.pointee.cnt) {
            let element = elements[index]
            byTopic[String(cString: element.topic), default: []].append(element.partition)
        }
        return byTopic.sorted { $0.key < $1.key }
            .map { "\($0.key)\($0.value.sorted())" }
            .joined(separator: ", ")
    }
}
