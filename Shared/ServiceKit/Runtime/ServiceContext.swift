public import Logging

/// What a service's own code (routes, handlers, workers) is given: its store, its outbox, its
/// configuration, a clock, an id source and a logger. Passed in, never global.
public struct ServiceContext: Sendable {
    public let configuration: ServiceConfiguration
    public let database: ServiceDatabase
    public let outbox: OutboxWriter
    public let clock: ServiceClock
    public let ids: IDGenerator
    public let logger: Logger
    /// The consumer's latest lag, measured by ``ConsumerLagMonitor`` and shown by the health route.
    public let consumerLag = ConsumerLag()

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
