public import AriannaProtocol
public import Foundation
public import GRDB
public import Hummingbird
public import ServiceLifecycle

/// The router type every service uses.
public typealias ServiceRouter = Router<ServiceRequestContext>

/// What makes a service this service: its name and port, the topics it reads, its migrations,
/// its event handler, its routes and any workers of its own. `ServiceRuntime` does the rest
/// (store, Kafka, outbox relay, consumer, health, metrics, graceful shutdown) the same way for
/// all five.
public struct ServiceDefinition: Sendable {
    /// The service's short name (`intake`, `planner`…): data folder, consumer group, event source.
    public var name: String
    /// The HTTP port when neither `--port` nor the environment gives one.
    public var defaultPort: Int
    /// Topics the service consumes; empty means it runs no consumer.
    public var consumedTopics: [Topic]
    /// Registers the service's own GRDB migrations, after the kit's.
    public var migrations: @Sendable (inout DatabaseMigrator) -> Void
    /// The service's reaction to the events it consumes; nil runs no handler of its own.
    public var makeHandler: @Sendable (ServiceContext) -> (any EventHandler)?
    /// Adds the service's pages and API to the shared router.
    public var addRoutes: @Sendable (ServiceRouter, ServiceContext) -> Void
    /// Long-running parts of the service itself (e.g. an email worker), started after the consumer.
    public var makeWorkers: @Sendable (ServiceContext) -> [any Service]
    /// Runs once at start-up after migrations, before anything is consumed or served: e.g. the
    /// intake service writes the default company setup (and its snapshot events) into an empty store.
    public var prepare: @Sendable (ServiceContext) async throws -> Void
    /// What the service adds to the shared authentication (API keys, ended sessions); only
    /// intake, which owns users and keys, sets it. Nil: signed, unexpired session cookies only.
    public var authentication: (@Sendable (ServiceContext) -> AuthenticationHooks)?
    /// True only for intake, where API keys are created and revoked: it writes their grants
    /// itself and does not re-apply its own `setup.api-key.v1` snapshots.
    public var ownsAPIKeys: Bool
    /// True only for the service that serves the login page and mints sessions (intake): its
    /// pages send an anonymous visitor to its own `/login`, the others to that service's address.
    public var ownsLogin: Bool
    /// The service's OpenAPI 3.1 document (a resource of its library), served at `/openapi.yaml`
    /// so an integrator gets the contract from the running service; nil answers 404 there.
    public var openAPIDocument: URL?

    /// A service's definition; only name, port, topics, migrations and routes are required.
    public init(
        name: String,
        defaultPort: Int,
        consumedTopics: [Topic],
        migrations: @escaping @Sendable (inout DatabaseMigrator) -> Void,
        makeHandler: @escaping @Sendable (ServiceContext) -> (any EventHandler)? = { _ in nil },
        addRoutes: @escaping @Sendable (ServiceRouter, ServiceContext) -> Void,
        makeWorkers: @escaping @Sendable (ServiceContext) -> [any Service] = { _ in [] },
        prepare: @escaping @Sendable (ServiceContext) async throws -> Void = { _ in },
        authentication: (@Sendable (ServiceContext) -> AuthenticationHooks)? = nil,
        ownsAPIKeys: Bool = false,
        ownsLogin: Bool = false,
        openAPIDocument: URL? = nil
    ) {
        self.name = name
        self.defaultPort = defaultPort
        self.consumedTopics = consumedTopics
        self.migrations = migrations
        self.makeHandler = makeHandler
        self.addRoutes = addRoutes
        self.makeWorkers = makeWorkers
        self.prepare = prepare
        self.authentication = authentication
        self.ownsAPIKeys = ownsAPIKeys
        self.ownsLogin = ownsLogin
        self.openAPIDocument = openAPIDocument
    }
}
