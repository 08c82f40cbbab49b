public import AriannaProtocol
public import GRDB

/// A service's reaction to the events it consumes: a function of (event, write transaction).
///
/// The consumer calls `handle` inside one write transaction that also records the event id in
/// the inbox; whatever the handler writes (state, outbox rows, jobs) commits with it or not at
/// all. Handlers never see Kafka types and are tested with an in-memory database.
public protocol EventHandler: Sendable {
    /// Events of other types are acknowledged without a transaction.
    func handles(_ event: ReceivedEvent) -> Bool
    /// Applies the event. Throw `EventRejection` for an event that can never be applied (it is
    /// dead-lettered); any other error is treated as a transient fault and retried.
    func handle(_ event: ReceivedEvent, in db: Database) throws
}

/// An event that is well-formed but cannot be applied by this service (e.g. it names an
/// operator that does not exist). It goes to the dead-letter topic with `reason`.
public struct EventRejection: Error, Sendable, CustomStringConvertible {
    /// Why the event cannot be applied, written in the dead letter's headers.
    public let reason: String
    /// A rejection with its reason.
    public init(_ reason: String) { self.reason = reason }
    /// The reason, for the log.
    public var description: String { reason }
}
