import GRDB

/// The kit table `outbox` for the query interface: the relay's reads and marks and the restore's
/// requeue. (`OutboxWriter`'s append stays a cached raw statement: it runs for every event.)
enum OutboxTable {
    /// The table, the start of every request on it.
    static let table = Table("outbox")

    /// The outbox columns the relay and the restore name.
    enum Columns {
        /// `sequence`: the append order, only ever growing; events are published in it.
        static let sequence = Column("sequence")
        /// `eventID`: the CloudEvents id, the key of every consumer's inbox.
        static let eventID = Column("eventID")
        /// `topic`: the Kafka topic the event is published on.
        static let topic = Column("topic")
        /// `messageKey`: the Kafka message key (the aggregate id), which keeps one aggregate's
        /// events in order on one partition.
        static let messageKey = Column("messageKey")
        /// `payload`: the encoded CloudEvent, published as it is.
        static let payload = Column("payload")
        /// `sentAt`: when the broker acknowledged the event; NULL while it waits to be published.
        static let sentAt = Column("sentAt")
    }
}
