import CRdKafka
public import Logging

/// Publishes records with the strongest guarantees Kafka offers a single producer:
/// idempotence (no duplicates from internal retries, order kept per partition) and `acks=all`.
///
/// Each ``send(_:)`` suspends until the broker acknowledged the record, which is what the
/// outbox relay needs before it marks a row as sent. Delivery reports are served by one
/// dedicated thread; nothing here blocks the cooperative pool.
public final class KafkaProducer: Sendable {
    private let handle: RDKafkaHandle
    private let state: RDKafkaProducerState

    /// Creates the producer and starts its poll thread. Fails only for an invalid
    /// configuration: an unreachable broker surfaces later, as failed sends.
    ///
    /// Properties: `enable.idempotence=true`, `acks=all`, `linger.ms=1`,
    /// `message.timeout.ms=30000`, `message.max.bytes` = ``KafkaSizeLimits/maximumEventBytes``;
    /// ``KafkaClientConfiguration/extra`` overrides them.
    ///
    /// `linger.ms` is how long a lone record waits for company before it is sent: every
    /// millisecond is added to every event's latency. 1 ms still puts records enqueued together
    /// (the outbox relay's `sendAll`) into one batch — one request, and on Tansu's S3 storage one
    /// object — which matters more than the last millisecond. Idempotence and `acks=all` cost
    /// one acknowledgement from the (single) broker per batch and are kept.
    public init(configuration: KafkaClientConfiguration, logger: Logger) throws(KafkaError) {
        var logger = logger
        logger[metadataKey: KafkaLogMetadata.clientID] = "\(configuration.clientID)"
        var properties = configuration.baseProperties
        properties.merge([
            "enable.idempotence": "true",
            "acks": "all",
            "linger.ms": "1",
            "message.timeout.ms": "30000",
            "message.max.bytes": String(KafkaSizeLimits.maximumEventBytes)
        ]) { $1 }
        properties.merge(configuration.extra(forConsumer: false)) { $1 }

        let state = RDKafkaProducerState()
        let handle = try RDKafkaHandle.make(
            type: RD_KAFKA_PRODUCER,
            properties: properties,
            context: RDKafkaContext(logger: logger, producerState: state)
        ) { configuration in
            rd_kafka_conf_set_dr_msg_cb(configuration, RDKafkaProduce.deliveryCallback)
        }
        self.handle = handle
        self.state = state
        RDKafkaProducerPoller(handle: handle, state: state, logger: logger, closeFlushTimeout: .seconds(10))
            .start(name: "kafka-producer-\(configuration.clientID)")
    }

    deinit {
        state.requestClose(handle: handle, waiter: nil)
    }

    /// Enqueues the record and suspends until its delivery report.
    ///
    /// Throws ``KafkaError`` when the record was refused or its delivery failed, e.g.
    /// `.timedOut` after `message.timeout.ms` without an acknowledgement, `.closed` after
    /// ``close()``, `.fatal` when the idempotent producer lost its guarantees. Once enqueued,
    /// a record cannot be recalled, so cancelling the task does not end the wait early; it does
    /// stop waiting for room when librdkafka's local queue is full.
    ///
    /// Records sent from concurrent tasks are enqueued in no particular order; use
    /// ``sendAll(_:)`` when the order matters.
    public func send(_ message: KafkaOutgoingMessage) async throws(KafkaError) -> KafkaDeliveryReport {
        while true {
            let outcome: Result<KafkaDeliveryReport, KafkaError>? = await withCheckedContinuation { continuation in
                let enqueued = state.enqueue(message, handle: handle) { result in
                    continuation.resume(returning: result)
                }
                switch enqueued {
                case .enqueued:
                    break
                case .queueFull:
                    continuation.resume(returning: nil)
                case .failed(let error):
                    continuation.resume(returning: .failure(error))
                }
            }
            if let outcome {
                return try outcome.get()
            }
            try await waitForQueueSpace()
        }
    }

    /// Enqueues the records in the given order, then waits for all their delivery reports.
    /// This is how the outbox relay keeps the order of one aggregate's events while still
    /// having many records in flight: the idempotent producer keeps enqueue order within a
    /// partition.
    ///
    /// The result at index *i* belongs to `messages[i]`. If a record cannot be enqueued, the
    /// ones after it are not enqueued either (so a later event never overtakes an earlier one)
    /// and get the same error.
    public func sendAll(_ messages: [KafkaOutgoingMessage]) async -> [Result<KafkaDeliveryReport, KafkaError>] {
        guard !messages.isEmpty else { return [] }
        let batch = RDKafkaDeliveryBatch(count: messages.count)
        var index = 0
        while index < messages.count {
            let slot = index
            switch state.enqueue(messages[index], handle: handle, onDelivery: { batch.complete(slot, with: $0) }) {
            case .enqueued:
                index += 1
            case .queueFull:
                do {
                    try await waitForQueueSpace()
                } catch {
                    batch.completeRemaining(from: index, with: error)
                    index = messages.count
                }
            case .failed(let error):
                batch.completeRemaining(from: index, with: error)
                index = messages.count
            }
        }
        return await batch.results()
    }

    /// Waits a little for deliveries to make room in librdkafka's local queue.
    private func waitForQueueSpace() async throws(KafkaError) {
        do {
            try await Task.sleep(for: .milliseconds(5))
        } catch {
            throw KafkaError(
                kind: .retriable,
                code: RD_KAFKA_RESP_ERR__QUEUE_FULL.rawValue,
                message: "send cancelled while the local queue was full"
            )
        }
    }

    /// Waits until every enqueued record has its delivery report, or throws `.timedOut`.
    public func flush(timeout: Duration) async throws(KafkaError) {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let result: Result<Void, KafkaError> = await withCheckedContinuation { continuation in
            if let immediate = state.registerFlush(handle: handle, deadline: deadline, continuation: continuation) {
                continuation.resume(returning: immediate)
            }
        }
        try result.get()
    }

    /// Flushes (up to 10 s; records still queued then fail their `send` as `.closed`) and
    /// destroys the client. Safe to call more than once and concurrently; every call returns
    /// once the client is gone.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            state.requestClose(handle: handle, waiter: continuation)
        }
    }
}
