import AriannaKafka
import AriannaProtocol
import Foundation
public import Hummingbird
public import Logging
import Metrics
public import Prometheus
import ServiceLifecycle

/// Assembles a service from its definition, the same way for all five:
/// store → topics → producer → outbox relay → consumer → workers → HTTP, shut down in reverse.
public enum ServiceRuntime {
    /// The router with the service's routes plus health and metrics; tests call this directly.
    public static func buildRouter(
        _ definition: ServiceDefinition, context: ServiceContext,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
    ) -> ServiceRouter {
        let router = ServiceRouter(context: ServiceRequestContext.self)
        router.add(
            middleware: SecurityHeadersMiddleware(
                headers: SecurityHeaders(
                    serviceURLs: context.configuration.serviceURLs.values,
                    alwaysTLS: context.configuration.secureCookies)))
        router.add(middleware: ResponseCompressionMiddleware())
        router.add(middleware: RequestBodyLimitMiddleware())
        router.add(middleware: ErrorLoggingMiddleware())
        let clock = context.clock
        router.add(
            middleware: AuthenticationMiddleware(
                key: context.configuration.sessionKey,
                hooks: refusingEndedSessions(
                    definition.authentication?(context) ?? AuthenticationHooks(), context: context),
                apiKeys: APIKeyCheck(
                    grants: APIKeyGrants(database: context.database), service: definition.name,
                    usage: APIKeyUsage(
                        database: context.database, outbox: context.outbox, service: definition.name,
                        logger: context.logger)),
                intakeURL: definition.ownsLogin ? "" : context.configuration.intakeURL,
                now: { clock.now() }))
        HealthRoutes.add(to: router, context: context, registry: registry)
        OpenAPIDocumentRoute.add(to: router, document: definition.openAPIDocument, logger: context.logger)
        definition.addRoutes(router, context)
        return router
    }

    /// The service's own topics plus the setup topic, which carries `session.ended.v1` and
    /// `setup.api-key.v1`: every service must hear of a logout and of every API key's change.
    static func subscribedTopics(_ definition: ServiceDefinition) -> [Topic] {
        definition.consumedTopics.contains(.setup) ? definition.consumedTopics : definition.consumedTopics + [.setup]
    }

    /// The service's authentication hooks, plus a refusal of the sessions intake has ended.
    static func refusingEndedSessions(_ hooks: AuthenticationHooks, context: ServiceContext) -> AuthenticationHooks {
        var hooks = hooks
        let ended = EndedSessions(database: context.database)
        let own = hooks.isSessionLive
        hooks.isSessionLive = { claims in
            guard try await !ended.contains(claims.sessionID) else { return false }
            return try await own?(claims) ?? true
        }
        return hooks
    }

    /// The whole service, ready for `runService()`. Waits (up to `brokerTimeout`) for the broker
    /// so the topics exist before the consumer subscribes.
    public static func buildApplication(
        _ definition: ServiceDefinition,
        configuration: ServiceConfiguration,
        clock: ServiceClock = .system,
        ids: IDGenerator = .uuid,
        logger: Logger,
        brokerTimeout: Duration = .seconds(60)
    ) async throws -> some ApplicationProtocol {
        let database = try ServiceDatabase(url: configuration.databaseURL, migrations: definition.migrations)
        let context = ServiceContext(
            configuration: configuration, database: database, clock: clock, ids: ids, logger: logger)
        try await definition.prepare(context)

        let client = KafkaClientConfiguration(
            bootstrapServers: configuration.kafkaBrokers, clientID: "arianna-\(configuration.serviceName)",
            extra: configuration.kafkaProperties)
        logger.info("ensuring topics", metadata: ["brokers": "\(configuration.kafkaBrokers)"])
        try await KafkaAdmin.ensureTopics(
            Topic.allCases.map {
                KafkaAdmin.TopicSpecification(
                    name: configuration.topicNames.name(of: $0), partitions: configuration.topicPartitions,
                    replicationFactor: 1)
            },
            configuration: client, timeout: brokerTimeout, logger: logger)

        let producer = try KafkaProducer(configuration: client, logger: logger)
        // The producer is a service itself (AriannaKafka): first in the group, so it is the last
        // to shut down, and it flushes what the others queued before closing.
        var services: [any Service] = [
            producer,
            OutboxRelay(
                database: database, producer: producer, topicNames: configuration.topicNames,
                logger: logger, killAfterPublishing: configuration.killAfterPublishing)
        ]
        if !definition.consumedTopics.isEmpty, let handler = definition.makeHandler(context) {
            let consumer = try KafkaConsumer(
                configuration: KafkaConsumerConfiguration(
                    client: client, groupID: configuration.consumerGroupID,
                    topics: subscribedTopics(definition).map { configuration.topicNames.name(of: $0) }),
                logger: logger)
            services.append(
                EventConsumerService(
                    consumer: consumer,
                    deadLetters: DeadLetterPublisher(
                        producer: producer, topicNames: configuration.topicNames,
                        groupID: configuration.consumerGroupID, logger: logger),
                    database: database, handler: handler, clock: clock, logger: logger,
                    appliesAPIKeySnapshots: !definition.ownsAPIKeys, batching: configuration.consumerBatching))
            services.append(
                ConsumerLagMonitor(consumer: consumer, figures: context.consumerLag, clock: clock, logger: logger))
        }
        services += definition.makeWorkers(context)

        let router = buildRouter(definition, context: context, registry: ServiceMetrics.registry)
        var app = Application(
            router: router,
            configuration: .init(
                address: .hostname(configuration.httpHost, port: configuration.httpPort),
                serverName: "arianna-\(configuration.serviceName)"),
            logger: logger)
        app.addServices(services)
        return app
    }

    /// Entry point of the five executables: logging, metrics, configuration, then run until
    /// SIGINT/SIGTERM.
    public static func run(_ definition: ServiceDefinition, options: ServiceOptions) async throws {
        let configuration = try options.configuration(
            serviceName: definition.name, defaultPort: definition.defaultPort)
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "arianna.\(definition.name)")
        logger.logLevel = configuration.logLevel
        if let folder = options.backupTo {
            let summary = try StoreBackup.backUp(configuration, to: URL(fileURLWithPath: folder))
            logger.info("backed up", metadata: ["summary": "\(summary)", "to": "\(folder)"])
            return
        }
        if let folder = options.restoreFrom {
            let summary = try StoreBackup.restore(configuration, from: URL(fileURLWithPath: folder))
            logger.info("restored", metadata: ["summary": "\(summary)", "from": "\(folder)"])
            return
        }
        _ = ServiceMetrics.registry
        let app = try await buildApplication(definition, configuration: configuration, logger: logger)
        logger.info(
            "listening",
            metadata: [
                "url": "http://\(configuration.httpHost):\(configuration.httpPort)",
                "data": "\(configuration.dataDirectory.path)"
            ])
        try await app.runService()
    }
}

/// The process-wide Prometheus registry behind swift-metrics. swift-metrics can be bootstrapped
/// once per process, so this is the one global: created on first use by the executable.
public enum ServiceMetrics {
    /// The registry `/metrics` shows, bootstrapped into swift-metrics on first use.
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.valueHistogramBuckets[MetricName.eventBatchSize] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000]
        MetricsSystem.bootstrap(factory)
        return registry
    }()
}

/// Logs unexpected errors (not HTTP errors a client caused) before Hummingbird turns them into 500s.
struct ErrorLoggingMiddleware: RouterMiddleware {
    /// The one request context of every service.
    typealias Context = ServiceRequestContext
    /// Runs the chain; an unexpected error is logged and answered as a plain 500.
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            context.logger.error(
                "request failed",
                metadata: [
                    LogKey.error: "\(error)", "path": "\(request.uri.path)"
                ])
            throw HTTPError(.internalServerError, message: "Something went wrong on our side; it has been logged.")
        }
    }
}
