import CRdKafka
import Foundation
import Logging

/// Serves a producer's callbacks on one dedicated thread and, when asked, flushes and destroys
/// its client there, so that no blocking librdkafka call runs on the cooperative pool.
///
/// The thread keeps this object alive; the public ``KafkaProducer`` does not, so dropping the
/// last reference to a producer still closes it (its `deinit` requests the close).
final class RDKafkaProducerPoller: Sendable {
    /// The producer client, polled and finally destroyed on the poll thread.
    let handle: RDKafkaHandle
    /// The delivery reports' waiters, resumed from the callbacks.
    let state: RDKafkaProducerState
    /// Where the close's flush and purge are logged.
    let logger: Logger
    /// How long closing waits for queued records before purging them.
    let closeFlushTimeout: Duration

    /// A poller for one producer; `start(name:)` launches its thread.
    init(handle: RDKafkaHandle, state: RDKafkaProducerState, logger: Logger, closeFlushTimeout: Duration) {
        self.handle = handle
        self.state = state
        self.logger = logger
        self.closeFlushTimeout = closeFlushTimeout
    }

    /// Starts the poll thread.
    func start(name: String) {
        let thread = Thread { [self] in self.run() }
        thread.name = name
        thread.start()
    }

    private func run() {
        let clock = ContinuousClock()
        while !state.isClosing {
            rd_kafka_poll(handle.pointer, 100)
            state.settleFlushes(queued: rd_kafka_outq_len(handle.pointer), now: clock.now)
        }
        close()
    }

    private func close() {
        let pointer = handle.pointer
        let flushed = rd_kafka_flush(pointer, closeFlushTimeout.clampedMilliseconds)
        if flushed != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning(
                "Kafka producer closing with undelivered records; purging them",
                metadata: [KafkaLogMetadata.queued: "\(rd_kafka_outq_len(pointer))"]
            )
            // Purged records get a delivery report with _PURGE_QUEUE/_PURGE_INFLIGHT, which
            // fails their `send` as `.closed`; the outbox resends them on the next start.
            rd_kafka_purge(pointer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
            rd_kafka_poll(pointer, 0)
        }
        let queued = rd_kafka_outq_len(pointer)
        let leftovers = state.finishClose()
        handle.destroy()

        for (_, handler) in leftovers.inFlight {
            handler(.failure(.closed("send")))
        }
        for waiter in leftovers.flushWaiters {
            if queued == 0 {
                waiter.continuation.resume(returning: .success(()))
            } else {
                waiter.continuation.resume(
                    returning: .failure(
                        KafkaError(kind: .closed, message: "the producer closed before the flush finished"))
                )
            }
        }
        for waiter in leftovers.closeWaiters {
            waiter.resume()
        }
        logger.debug("Kafka producer closed")
    }
}
