import CRdKafka

/// How far one assigned partition is behind its newest record.
public struct KafkaPartitionLag: Sendable, Hashable {
    /// The partition's topic.
    public let topic: String
    /// The partition number.
    public let partition: Int32
    /// The offset the next produced record will get (the high watermark).
    public let highWatermark: Int64
    /// The next record this member has to process: its stored offset, else the group's
    /// committed one, else the oldest record still kept (where `earliest` would start).
    public let position: Int64
    /// Records not yet processed: `highWatermark − position`, never negative.
    public var lag: Int64 { max(0, highWatermark - position) }

    /// Builds a figure; tests and the monitor use it.
    public init(topic: String, partition: Int32, highWatermark: Int64, position: Int64) {
        self.topic = topic
        self.partition = partition
        self.highWatermark = highWatermark
        self.position = position
    }
}

extension KafkaConsumer {
    /// The lag of every partition assigned to this member, for `/metrics` and health pages.
    ///
    /// Runs on the consumer's queue between two poll steps. The high watermark comes from the
    /// consumer's fetch state (no broker round trip) and is asked of the broker only while the
    /// partition has not been fetched yet; the group's committed offsets are one broker request.
    /// Call it on a timer (seconds), not per record. Empty before the group is joined.
    public func lag(timeout: Duration = .seconds(2)) async throws(KafkaError) -> [KafkaPartitionLag] {
        let milliseconds = Int32(
            clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard isOpen else { throw .closed("lag") }
        let result: Result<[KafkaPartitionLag], KafkaError> = await withCheckedContinuation { continuation in
            queue.async {
                let alive = self.state.withLock { state -> Bool in
                    if case .closed = state.lifecycle { return false }
                    return true
                }
                guard alive else {
                    continuation.resume(returning: .failure(.closed("lag")))
                    return
                }
                continuation.resume(returning: self.measureLag(timeoutMilliseconds: milliseconds))
            }
        }
        return try result.get()
    }

    /// On `queue`, with a live handle.
    private func measureLag(timeoutMilliseconds: Int32) -> Result<[KafkaPartitionLag], KafkaError> {
        var assignment: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        let code = rd_kafka_assignment(handle.pointer, &assignment)
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR, let list = assignment else {
            return .failure(KafkaError(code, "cannot read the assignment"))
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        guard list.pointee.cnt > 0 else { return .success([]) }

        // Fills each element's offset with the group's committed offset (or INVALID).
        let committedCode = rd_kafka_committed(handle.pointer, list, timeoutMilliseconds)
        let stored = state.withLock { $0.stored }
        var figures: [KafkaPartitionLag] = []
        for index in 0..<Int(list.pointee.cnt) {
            let element = list.pointee.elems[index]
            let topic = String(cString: element.topic)
            let committed =
                committedCode == RD_KAFKA_RESP_ERR_NO_ERROR && element.err == RD_KAFKA_RESP_ERR_NO_ERROR
                ? element.offset : -1
            let storedOffset = stored[PartitionKey(topic: topic, partition: element.partition)] ?? -1
            var low: Int64 = -1
            var high: Int64 = -1
            let cached = rd_kafka_get_watermark_offsets(handle.pointer, element.topic, element.partition, &low, &high)
            let needsLow = committed < 0 && storedOffset < 0
            if cached != RD_KAFKA_RESP_ERR_NO_ERROR || high < 0 || (needsLow && low < 0) {
                let queried = rd_kafka_query_watermark_offsets(
                    handle.pointer, element.topic, element.partition, &low, &high, timeoutMilliseconds)
                guard queried == RD_KAFKA_RESP_ERR_NO_ERROR else {
                    logger.debug(
                        "no watermarks for the lag",
                        metadata: [
                            KafkaLogMetadata.error: "\(KafkaError(queried, "\(topic)[\(element.partition)]"))"
                        ])
                    continue
                }
            }
            let position = max(storedOffset, committed, needsLow ? max(low, 0) : -1)
            figures.append(
                KafkaPartitionLag(topic: topic, partition: element.partition, highWatermark: high, position: position))
        }
        return .success(figures.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) })
    }
}
