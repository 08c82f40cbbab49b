/// The records of a ``KafkaConsumer`` as an `AsyncSequence`: `for try await message in
/// consumer.messages`. It ends when the consumer is closed or the iterating task is cancelled.
public struct KafkaMessageSequence: AsyncSequence, Sendable {
    /// A consumed record.
    public typealias Element = KafkaMessage
    /// Only unrecoverable consumer errors end the sequence with an error.
    public typealias Failure = KafkaError

    /// The consumer whose records are iterated.
    let consumer: KafkaConsumer

    /// An iterator over the consumer's records.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(consumer: consumer)
    }

    /// Calls ``KafkaConsumer/next()`` for each element.
    public struct AsyncIterator: AsyncIteratorProtocol {
        /// The consumer each `next()` asks.
        let consumer: KafkaConsumer

        /// The next record, or `nil` once the consumer is closed or the task cancelled.
        public mutating func next() async throws(KafkaError) -> KafkaMessage? {
            try await consumer.next()
        }

        /// The next record; the consumer does its waiting off the caller's executor anyway.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(KafkaError) -> KafkaMessage? {
            try await consumer.next()
        }
    }
}
