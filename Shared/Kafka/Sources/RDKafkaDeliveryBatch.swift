import Synchronization

/// Collects the delivery results of one ``KafkaProducer/sendAll(_:)`` call, which arrive one by
/// one on the poll thread, and hands them over once all are in.
final class RDKafkaDeliveryBatch: Sendable {
    private struct State {
        var results: [Result<KafkaDeliveryReport, KafkaError>?]
        var pending: Int
        var waiter: CheckedContinuation<[Result<KafkaDeliveryReport, KafkaError>], Never>?
    }

    private let state: Mutex<State>

    /// A batch waiting for `count` delivery reports.
    init(count: Int) {
        state = Mutex(State(results: Array(repeating: nil, count: count), pending: count))
    }

    /// Records the result of record `index`.
    func complete(_ index: Int, with result: Result<KafkaDeliveryReport, KafkaError>) {
        let finished = state.withLock {
            state -> (
                CheckedContinuation<[Result<KafkaDeliveryReport, KafkaError>], Never>,
                [Result<KafkaDeliveryReport, KafkaError>]
            )? in
            guard state.results[index] == nil else { return nil }
            state.results[index] = result
            state.pending -= 1
            guard state.pending == 0, let waiter = state.waiter else { return nil }
            state.waiter = nil
            return (waiter, state.results.compactMap { $0 })
        }
        if let (waiter, results) = finished {
            waiter.resume(returning: results)
        }
    }

    /// Fails the records from `index` on that were never enqueued.
    func completeRemaining(from index: Int, with error: KafkaError) {
        let count = state.withLock { $0.results.count }
        for slot in index..<count {
            complete(slot, with: .failure(error))
        }
    }

    /// Waits until every record has its result.
    func results() async -> [Result<KafkaDeliveryReport, KafkaError>] {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> [Result<KafkaDeliveryReport, KafkaError>]? in
                guard state.pending > 0 else { return state.results.compactMap { $0 } }
                state.waiter = continuation
                return nil
            }
            if let ready {
                continuation.resume(returning: ready)
            }
        }
    }
}
