import CRdKafka
import Synchronization

/// The producer's mutable state, behind one lock: its lifecycle, the `send` calls waiting for
/// delivery reports (keyed by the id passed to librdkafka as the per-message opaque), and the
/// `flush`/`close` calls waiting on the poll thread.
///
/// Every call into librdkafka that needs the handle alive (`produceva`, `outq_len`, waking the
/// poll thread)
/// happens while the lock is held and the lifecycle is not `.closed`; the poll thread moves the
/// lifecycle to `.closed` under the lock before it destroys the handle, so none can race it.
/// Delivery handlers and continuations are resumed after the lock is released.
final class RDKafkaProducerState: Sendable {
    /// Called once with a record's delivery result, on the poll thread (or when closing).
    typealias DeliveryHandler = @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void
    /// A `flush` waiting for the out-queue to drain.
    typealias FlushContinuation = CheckedContinuation<Result<Void, KafkaError>, Never>

    /// Where the producer is in its life.
    enum Lifecycle {
        /// Accepting sends.
        case running
        /// `close` was requested; the poll thread is flushing. Sends are refused.
        case closing
        /// The handle is destroyed.
        case closed
    }

    /// A `flush` call and when it gives up.
    struct FlushWaiter {
        /// When the flush gives up with a timeout.
        let deadline: ContinuousClock.Instant
        /// Resumed when the queue is empty or the deadline passes.
        let continuation: FlushContinuation
    }

    /// Everything behind the lock.
    struct Storage {
        /// Whether sends are still accepted.
        var lifecycle: Lifecycle = .running
        /// The opaque id the next record is sent with, to find its handler in the report.
        var nextMessageID: UInt = 1
        /// Who waits for each record's delivery report.
        var inFlight: [UInt: DeliveryHandler] = [:]
        /// `flush` calls waiting for the queue to empty.
        var flushWaiters: [FlushWaiter] = []
        /// `close` calls waiting for the handle to be destroyed.
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// The outcome of one attempt to enqueue a record.
    enum EnqueueOutcome {
        /// librdkafka took the record; the handler will get the delivery report.
        case enqueued
        /// librdkafka's local queue is full; try again shortly.
        case queueFull
        /// The record was refused.
        case failed(KafkaError)
    }

    private let storage = Mutex(Storage())

    /// Enqueues a record, registering `onDelivery` for its delivery report on success.
    /// On any other outcome the handler is dropped uncalled.
    func enqueue(
        _ message: KafkaOutgoingMessage,
        handle: RDKafkaHandle,
        onDelivery: @escaping DeliveryHandler
    ) -> EnqueueOutcome {
        storage.withLock { storage -> EnqueueOutcome in
            guard case .running = storage.lifecycle else {
                return .failed(.closed("send"))
            }
            let id = storage.nextMessageID
            if let error = RDKafkaProduce.produce(message, on: handle.pointer, messageID: id) {
                if error.code == RD_KAFKA_RESP_ERR__QUEUE_FULL.rawValue {
                    return .queueFull
                }
                return .failed(error)
            }
            storage.nextMessageID &+= 1
            if storage.nextMessageID == 0 { storage.nextMessageID = 1 }
            storage.inFlight[id] = onDelivery
            return .enqueued
        }
    }

    /// Completes the `send` waiting for message `id`. Called by the delivery-report callback
    /// on the poll thread.
    func deliver(id: UInt, result: Result<KafkaDeliveryReport, KafkaError>) {
        let handler = storage.withLock { $0.inFlight.removeValue(forKey: id) }
        handler?(result)
    }

    /// Registers a flush for the poll thread to settle. Returns `nil` when registered, or the
    /// result to return at once when nothing is queued (or the producer is closed).
    func registerFlush(
        handle: RDKafkaHandle,
        deadline: ContinuousClock.Instant,
        continuation: FlushContinuation
    ) -> Result<Void, KafkaError>? {
        storage.withLock { storage -> Result<Void, KafkaError>? in
            switch storage.lifecycle {
            case .closed:
                return .success(())
            case .closing:
                // The close flush will settle it.
                storage.flushWaiters.append(FlushWaiter(deadline: deadline, continuation: continuation))
                return nil
            case .running:
                if rd_kafka_outq_len(handle.pointer) == 0 {
                    return .success(())
                }
                storage.flushWaiters.append(FlushWaiter(deadline: deadline, continuation: continuation))
                return nil
            }
        }
    }

    /// Settles the flushes that are done or past their deadline; called by the poll thread
    /// with the current length of librdkafka's out-queue.
    func settleFlushes(queued: Int32, now: ContinuousClock.Instant) {
        let settled = storage.withLock { storage -> [(FlushContinuation, Result<Void, KafkaError>)] in
            guard !storage.flushWaiters.isEmpty else { return [] }
            var settled: [(FlushContinuation, Result<Void, KafkaError>)] = []
            storage.flushWaiters.removeAll { waiter in
                if queued == 0 {
                    settled.append((waiter.continuation, .success(())))
                    return true
                }
                if waiter.deadline <= now {
                    let error = KafkaError(
                        kind: .timedOut,
                        code: RD_KAFKA_RESP_ERR__TIMED_OUT.rawValue,
                        message: "flush timed out with \(queued) record(s) still queued"
                    )
                    settled.append((waiter.continuation, .failure(error)))
                    return true
                }
                return false
            }
            return settled
        }
        for (continuation, result) in settled {
            continuation.resume(returning: result)
        }
    }

    /// Asks the poll thread to flush and destroy the client. With a continuation, it is resumed
    /// once the client is destroyed.
    func requestClose(handle: RDKafkaHandle, waiter: CheckedContinuation<Void, Never>?) {
        let resumeNow = storage.withLock { storage -> Bool in
            switch storage.lifecycle {
            case .running:
                storage.lifecycle = .closing
                if let waiter { storage.closeWaiters.append(waiter) }
                // Wake the poll thread out of its current rd_kafka_poll (which serves the
                // main queue); rd_kafka_yield would only work from inside a callback.
                if let mainQueue = rd_kafka_queue_get_main(handle.pointer) {
                    rd_kafka_queue_yield(mainQueue)
                    rd_kafka_queue_destroy(mainQueue)
                }
                return false
            case .closing:
                if let waiter { storage.closeWaiters.append(waiter) }
                return false
            case .closed:
                return true
            }
        }
        if resumeNow { waiter?.resume() }
    }

    /// Whether the poll thread should stop serving and close.
    var isClosing: Bool {
        storage.withLock { storage in
            if case .running = storage.lifecycle { return false }
            return true
        }
    }

    /// Moves to `.closed` and hands back everything still waiting, for the poll thread to
    /// resume once it has destroyed the handle.
    func finishClose() -> Storage {
        storage.withLock { storage in
            var leftovers = Storage()
            swap(&leftovers, &storage)
            storage.lifecycle = .closed
            storage.nextMessageID = leftovers.nextMessageID
            return leftovers
        }
    }
}
