import CRdKafka
import Dispatch
public import Logging
import Synchronization

/// A consumer group member with at-least-once delivery driven by the application.
///
/// Records come from ``next()`` (or ``messages``). After a record's effects are committed in
/// the service's database, ``storeOffset(of:)`` marks it processed; librdkafka commits stored
/// offsets every 5 s, when partitions are revoked and on ``close()``. A record whose offset
/// was not stored is delivered again after a restart or rebalance, and the inbox skips it.
///
/// Every blocking librdkafka call (poll, commit, close) runs on the consumer's own serial
/// dispatch queue, never on the cooperative pool. Read from one task at a time: concurrent
/// ``next()`` calls are safe but get records in no defined order.
public final class KafkaConsumer: Sendable {
    /// The consumer's lifecycle and the `next()` calls in progress, behind one lock.
    ///
    /// The handle is destroyed only on `queue`, after `lifecycle` became `.closed` under the
    /// lock; calls made from other threads (`offsets_store`) run under the lock and check the
    /// lifecycle first, so none can use a destroyed handle.
    struct State {
        /// Where the consumer is between subscribing and destroying its handle.
        enum Lifecycle {
            /// Subscribed and serving `next()`.
            case running
            /// `close` was requested; its work is queued behind any poll in progress.
            case closing(waiters: [CheckedContinuation<Void, Never>])
            /// The handle is destroyed.
            case closed
        }

        /// Whether the handle may still be used.
        var lifecycle: Lifecycle = .running
        /// The id the next `next()` call is registered under.
        var nextWaiterID: UInt64 = 0
        /// `next()` calls in progress, `true` once their task was cancelled.
        var waiters: [UInt64: Bool] = [:]
        /// A fatal error met while a batch already held records: those are returned first and
        /// the error is thrown by the next call.
        var pendingFatal: KafkaError?
        /// The last offset stored per partition (the next record to process), for the lag.
        var stored: [PartitionKey: Int64] = [:]
    }

    /// A topic partition as a dictionary key.
    struct PartitionKey: Hashable {
        /// The topic's name.
        let topic: String
        /// The partition's number in the topic.
        let partition: Int32
    }

    /// What one poll request collects: up to `limit` records, waiting at most `maxWait` for more
    /// once the first has arrived.
    private struct Batch {
        let limit: Int
        let maxWait: Duration
        var messages: [KafkaMessage] = []
        var deadline: ContinuousClock.Instant?
    }

    private typealias BatchContinuation = CheckedContinuation<Result<[KafkaMessage], KafkaError>, Never>

    /// The librdkafka consumer, destroyed only on ``queue``.
    let handle: RDKafkaHandle
    /// The serial queue where every blocking poll and the close run, off the cooperative pool.
    let queue: DispatchQueue
    /// Lifecycle, waiting `next()` calls and stored offsets, shared across threads.
    let state = Mutex(State())
    /// Where rebalances and errors are logged.
    let logger: Logger
    /// How long ``close()`` waits for a clean leave (``KafkaConsumerConfiguration/closeTimeout``).
    let closeTimeout: Duration

    /// Creates the consumer and subscribes it. The group is joined on the first ``next()``
    /// (about half of the session timeout on Tansu).
    public init(configuration: KafkaConsumerConfiguration, logger: Logger) throws(KafkaError) {
        guard !configuration.topics.isEmpty else {
            throw KafkaError(kind: .configuration, message: "a consumer needs at least one topic")
        }
        var logger = logger
        logger[metadataKey: KafkaLogMetadata.clientID] = "\(configuration.client.clientID)"
        logger[metadataKey: KafkaLogMetadata.groupID] = "\(configuration.groupID)"

        let handle = try RDKafkaHandle.make(
            type: RD_KAFKA_CONSUMER,
            properties: configuration.properties,
            context: RDKafkaContext(logger: logger)
        ) { configuration in
            rd_kafka_conf_set_rebalance_cb(configuration, RDKafkaConsume.rebalanceCallback)
        }
        // Serve client-level events (errors, logs queued by librdkafka) from consumer_poll.
        rd_kafka_poll_set_consumer(handle.pointer)

        let topics = rd_kafka_topic_partition_list_new(Int32(configuration.topics.count))
        defer { rd_kafka_topic_partition_list_destroy(topics) }
        for topic in configuration.topics {
            rd_kafka_topic_partition_list_add(topics, topic, RD_KAFKA_PARTITION_UA)
        }
        let code = rd_kafka_subscribe(handle.pointer, topics)
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else {
            handle.destroy()
            throw KafkaError(code, "cannot subscribe to \(configuration.topics)")
        }

        self.handle = handle
        self.logger = logger
        self.queue = DispatchQueue(label: "arianna.kafka.consumer.\(configuration.groupID)")
        self.closeTimeout = configuration.closeTimeout
    }

    deinit {
        let needsClose = state.withLock { state -> Bool in
            if case .running = state.lifecycle {
                state.lifecycle = .closed
                return true
            }
            return false
        }
        if needsClose {
            // Nothing else can reach the handle any more; close it off the caller's thread.
            let handle = self.handle
            queue.async {
                _ = rd_kafka_consumer_close(handle.pointer)
                handle.destroy()
            }
        }
    }

    /// Waits for the next record. Returns `nil` once the consumer is closed or the calling task
    /// is cancelled. Throws only for errors the consumer cannot recover from (`.fatal`);
    /// transient ones (broker down, topic not yet created) are logged and waited out.
    public func next() async throws(KafkaError) -> KafkaMessage? {
        try await nextBatch(maxCount: 1, maxWait: .zero).first
    }

    /// Waits for the next record, then takes up to `maxCount` records in all, waiting at most
    /// `maxWait` after the first for more to arrive, then every record already fetched (with
    /// `maxWait` zero: the first record and what came with it): what an application applies in
    /// one transaction. Records keep their order within each partition. Returns an empty array once
    /// the consumer is closed or the calling task is cancelled (the records already taken when
    /// that happens are returned; their offsets are not stored, so they come again to whoever
    /// reads the partition next). Throws only `.fatal` errors; one met after the first record
    /// is thrown by the next call, after the records taken before it.
    public func nextBatch(maxCount: Int, maxWait: Duration) async throws(KafkaError) -> [KafkaMessage] {
        let (id, pending) = state.withLock { state in
            state.nextWaiterID += 1
            state.waiters[state.nextWaiterID] = false
            let pending = state.pendingFatal
            state.pendingFatal = nil
            return (state.nextWaiterID, pending)
        }
        if let pending {
            state.withLock { _ = $0.waiters.removeValue(forKey: id) }
            throw pending
        }
        // Closing or closed: nothing to wait for (a close that outlived `closeTimeout` still
        // holds the queue, so a poll queued now would never run).
        guard isOpen else {
            state.withLock { _ = $0.waiters.removeValue(forKey: id) }
            return []
        }
        let batch = Batch(limit: max(1, maxCount), maxWait: max(.zero, maxWait))
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: BatchContinuation) in
                queue.async { [batch] in self.poll(waiter: id, batch: batch, continuation: continuation) }
            }
        } onCancel: {
            state.withLock { state in
                if state.waiters[id] != nil { state.waiters[id] = true }
            }
        }
        return try result.get()
    }

    /// One poll step of waiter `id`, on `queue`: at most 100 ms inside librdkafka (less once a
    /// batch is under way and its wait is running out, none once it has run out: then the step
    /// only takes a record already fetched, and an empty queue ends the batch), then it re-queues itself, so that
    /// `commit`, `close` and lag queries queued meanwhile get their turn.
    private func poll(waiter id: UInt64, batch: Batch, continuation: BatchContinuation) {
        var batch = batch
        let proceed = state.withLock { state -> Bool in
            guard case .running = state.lifecycle, state.waiters[id] == false else {
                state.waiters[id] = nil
                return false
            }
            return true
        }
        guard proceed else {
            continuation.resume(returning: .success(batch.messages))
            return
        }

        var timeout: Int32 = 100
        if let deadline = batch.deadline {
            let remaining = deadline - ContinuousClock.now
            let milliseconds =
                remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
            timeout = Int32(clamping: max(0, min(100, milliseconds)))
        }
        guard let message = rd_kafka_consumer_poll(handle.pointer, timeout) else {
            if let deadline = batch.deadline, ContinuousClock.now >= deadline {
                finish(waiter: id, continuation, .success(batch.messages))
            } else {
                queue.async { [batch] in self.poll(waiter: id, batch: batch, continuation: continuation) }
            }
            return
        }
        defer { rd_kafka_message_destroy(message) }

        let code = message.pointee.err
        if code == RD_KAFKA_RESP_ERR_NO_ERROR {
            batch.messages.append(RDKafkaConsume.message(from: message))
            if batch.deadline == nil { batch.deadline = ContinuousClock.now + batch.maxWait }
            // Past the deadline the batch still takes every record already fetched (the next
            // polls do not wait): it ends at the limit or when librdkafka's queue is empty.
            if batch.messages.count >= batch.limit {
                finish(waiter: id, continuation, .success(batch.messages))
            } else {
                queue.async { [batch] in self.poll(waiter: id, batch: batch, continuation: continuation) }
            }
            return
        }
        var error = KafkaError(code, rd_kafka_message_errstr(message).map { String(cString: $0) })
        if code == RD_KAFKA_RESP_ERR__FATAL, let fatal = RDKafkaHandle.fatalError(of: handle.pointer) {
            error = fatal
        }
        if error.kind == .fatal {
            logger.critical("Kafka consumer failed", metadata: [KafkaLogMetadata.error: "\(error)"])
            if batch.messages.isEmpty {
                finish(waiter: id, continuation, .failure(error))
            } else {
                state.withLock { $0.pendingFatal = error }
                finish(waiter: id, continuation, .success(batch.messages))
            }
            return
        }
        if code != RD_KAFKA_RESP_ERR__PARTITION_EOF {
            logger.warning("Kafka consumer error", metadata: [KafkaLogMetadata.error: "\(error)"])
        }
        queue.async { [batch] in self.poll(waiter: id, batch: batch, continuation: continuation) }
    }

    private func finish(
        waiter id: UInt64, _ continuation: BatchContinuation, _ result: Result<[KafkaMessage], KafkaError>
    ) {
        state.withLock { _ = $0.waiters.removeValue(forKey: id) }
        continuation.resume(returning: result)
    }

    /// The records as an `AsyncSequence`; it ends when the consumer is closed or the iterating
    /// task is cancelled.
    public var messages: KafkaMessageSequence {
        KafkaMessageSequence(consumer: self)
    }

    /// Marks `message` processed: offset + 1 is stored and committed by the next auto-commit,
    /// a revocation or ``close()``. Call it only after the handler's transaction committed.
    ///
    /// Non-blocking. Throws `.closed` after close, and an error with code `_STATE` when the
    /// partition is no longer assigned to this member (the record will be redelivered to the
    /// new owner, whose inbox skips it; log and carry on).
    public func storeOffset(of message: KafkaMessage) throws(KafkaError) {
        try storeOffsets(of: [message])
    }

    /// Marks every record of `messages` processed (a batch applied in one transaction): for each
    /// partition, the highest offset + 1 is stored, in one call. Throws like ``storeOffset(of:)``
    /// for the first partition that could not be stored; the others are stored all the same.
    public func storeOffsets(of messages: [KafkaMessage]) throws(KafkaError) {
        var next: [PartitionKey: Int64] = [:]
        for message in messages {
            let key = PartitionKey(topic: message.topic, partition: message.partition)
            next[key] = max(next[key] ?? 0, message.offset + 1)
        }
        guard !next.isEmpty else { return }
        let result = state.withLock { state -> Result<Void, KafkaError> in
            if case .closed = state.lifecycle {
                return .failure(.closed("storeOffset"))
            }
            guard let list = rd_kafka_topic_partition_list_new(Int32(next.count)) else {
                return .failure(KafkaError(kind: .other, message: "cannot allocate a partition list"))
            }
            defer { rd_kafka_topic_partition_list_destroy(list) }
            for (key, offset) in next {
                guard let element = rd_kafka_topic_partition_list_add(list, key.topic, key.partition) else {
                    return .failure(KafkaError(kind: .other, message: "cannot allocate a partition list"))
                }
                element.pointee.offset = offset
            }
            let code = rd_kafka_offsets_store(handle.pointer, list)
            var failure: KafkaError?
            for index in 0..<Int(list.pointee.cnt) {
                let element = list.pointee.elems[index]
                let key = PartitionKey(topic: String(cString: element.topic), partition: element.partition)
                if element.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                    state.stored[key] = max(state.stored[key] ?? 0, element.offset)
                } else if failure == nil {
                    failure = KafkaError(element.err, "cannot store the offset of \(key.topic)[\(key.partition)]")
                }
            }
            if let failure { return .failure(failure) }
            if code != RD_KAFKA_RESP_ERR_NO_ERROR {
                return .failure(KafkaError(code, "cannot store the offsets of \(next.count) partition(s)"))
            }
            return .success(())
        }
        try result.get()
    }

    /// Commits the stored offsets now and waits for the broker's answer. Having nothing to
    /// commit is success.
    public func commit() async throws(KafkaError) {
        guard isOpen else { throw .closed("commit") }
        let result: Result<Void, KafkaError> = await withCheckedContinuation { continuation in
            queue.async {
                let alive = self.state.withLock { state -> Bool in
                    if case .closed = state.lifecycle { return false }
                    return true
                }
                guard alive else {
                    continuation.resume(returning: .failure(.closed("commit")))
                    return
                }
                let code = rd_kafka_commit(self.handle.pointer, nil, 0)
                if code == RD_KAFKA_RESP_ERR_NO_ERROR || code == RD_KAFKA_RESP_ERR__NO_OFFSET {
                    continuation.resume(returning: .success(()))
                } else {
                    continuation.resume(returning: .failure(KafkaError(code, "commit")))
                }
            }
        }
        try result.get()
    }

    /// Leaves the group cleanly (partitions are handed over without waiting for the session
    /// timeout), commits the stored offsets and destroys the client. Pending ``next()`` calls
    /// return `nil`. Safe to call more than once and concurrently.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let action = state.withLock { state -> CloseAction in
                switch state.lifecycle {
                case .running:
                    state.lifecycle = .closing(waiters: [continuation])
                    return .start
                case .closing(var waiters):
                    waiters.append(continuation)
                    state.lifecycle = .closing(waiters: waiters)
                    return .wait
                case .closed:
                    return .resume
                }
            }
            switch action {
            case .start:
                queue.async { self.performClose() }
                Task { [closeTimeout] in
                    try? await Task.sleep(for: closeTimeout)
                    self.abandonClose()
                }
            case .wait:
                break
            case .resume:
                continuation.resume()
            }
        }
    }

    private enum CloseAction { case start, wait, resume }

    /// Subscribed and not asked to close: the only state in which work is queued on ``queue``.
    var isOpen: Bool {
        state.withLock { state in
            if case .running = state.lifecycle { return true }
            return false
        }
    }

    /// After ``closeTimeout``: if the close still waits for the group coordinator (a broker that
    /// is gone), the waiters return and the consumer counts as closed. The blocked close keeps
    /// the handle on ``queue`` and destroys it if librdkafka ever returns; nothing else can reach
    /// it, since every other call refuses a closed consumer.
    private func abandonClose() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard case .closing(let waiters) = state.lifecycle else { return [] }
            state.lifecycle = .closed
            return waiters
        }
        guard !waiters.isEmpty else { return }
        logger.warning(
            "Kafka consumer did not leave its group in time: the broker does not answer; the group reassigns the partitions after the session timeout",
            metadata: ["kafka.close.timeout": "\(closeTimeout)"])
        for waiter in waiters {
            waiter.resume()
        }
    }

    /// On `queue`: the blocking part of ``close()``.
    private func performClose() {
        let code = rd_kafka_consumer_close(handle.pointer)
        if code != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning(
                "Kafka consumer did not close cleanly", metadata: [KafkaLogMetadata.error: "\(KafkaError(code))"])
        }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard case .closing(let waiters) = state.lifecycle else { return [] }
            state.lifecycle = .closed
            return waiters
        }
        handle.destroy()
        logger.debug("Kafka consumer closed")
        for waiter in waiters {
            waiter.resume()
        }
    }
}
