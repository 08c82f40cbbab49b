public import Logging

/// What a service's own code (routes, handlers, workers) is given: its store, its outbox, its
/// configuration, a clock, an id source and a logger. Passed in, never global.
public struct ServiceContext: Sendable {
    /// What the service was started with (ports, time zone, session key…).
    public let configuration: ServiceConfiguration
    /// The service's own SQLite store.
    public let database: ServiceDatabase
    /// Where the service's events are written, in the same transaction as the change.
    public let outbox: OutboxWriter
    /// The time, fixed in tests.
    public let clock: ServiceClock
    /// New ids for events and records, predictable in tests.
    public let ids: IDGenerator
    /// The service's logger, labelled with its name.
    public let logger: Logger
    /// The consumer's latest lag, measured by ``ConsumerLagMonitor`` and shown by the health route.
    public let consumerLag = ConsumerLag()

    /// The context of one running service (or one test), with its outbox writing as it.
    public init(
        configuration: ServiceConfiguration, database: ServiceDatabase, clock: ServiceClock = .system,
        ids: IDGenerator = .uuid, logger: Logger
    ) {
        self.configuration = configuration
        self.database = database
        self.outbox = OutboxWriter(source: configuration.eventSource, clock: clock, ids: ids)
        self.clock = clock
        self.ids = ids
        self.logger = logger
    }
}
