public import AriannaProtocol
public import Foundation
public import GRDB

/// Appends events to the transactional outbox inside the caller's write transaction, so the
/// state change and the events it publishes commit together or not at all.
public struct OutboxWriter: Sendable {
    /// CloudEvents `source` of this service, e.g. `/arianna/intake`.
    public let source: String
    /// Stamps each event's CloudEvents `time`.
    public let clock: ServiceClock
    /// Gives each event its CloudEvents `id`, the key of every consumer's inbox.
    public let ids: IDGenerator

    /// A writer for the service whose CloudEvents `source` is `source`.
    public init(source: String, clock: ServiceClock = .system, ids: IDGenerator = .uuid) {
        self.source = source
        self.clock = clock
        self.ids = ids
    }

    /// Stores `event` for publication on its topic, keyed by its aggregate id.
    /// - Parameter correlationID: the id that ties this event to the request or event that caused it.
    @discardableResult
    public func append<E: DomainEvent>(
        _ event: E, correlationID: String? = nil, in db: Database
    ) throws -> EventMetadata {
        let metadata = EventMetadata.new(
            for: event, id: ids.next(), source: source, time: clock.now(), correlationID: correlationID)
        let payload = try EventCodec.encode(event, metadata: metadata)
        // Raw SQL stays: compiled once per connection, as a consumer applying a batch appends
        // hundreds of events (the query interface prepares a statement at every call).
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO outbox (eventID, eventType, topic, messageKey, payload, createdAt)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        try insert.execute(arguments: [
            metadata.id, E.eventType, E.topic.rawValue, event.aggregateID,
            Data(payload), metadata.time
        ])
        return metadata
    }
}

/// The time source, injected so tests can fix it.
public struct ServiceClock: Sendable {
    /// The current moment as this service sees it.
    public let now: @Sendable () -> Date
    /// A clock reading `now`.
    public init(now: @escaping @Sendable () -> Date) { self.now = now }
    /// The machine's clock, what the executables use.
    public static let system = ServiceClock { Date() }
    /// A clock stopped at `date`, so a test's events and deadlines are predictable.
    public static func fixed(_ date: Date) -> ServiceClock { ServiceClock { date } }
}

/// The id source for events and aggregates, injected so tests can make ids predictable.
public struct IDGenerator: Sendable {
    /// Hands out a new id each call.
    public let next: @Sendable () -> String
    /// A generator calling `next`.
    public init(next: @escaping @Sendable () -> String) { self.next = next }
    /// Random lower-case UUIDs, what the executables use.
    public static let uuid = IDGenerator { UUID().uuidString.lowercased() }
}
