public import ServiceKit
import AriannaProtocol

/// The billing/production service: bills closed paid activities with a draft document per
/// ticket, numbered `FAT/<year>/<counter>` and priced from its article catalogue (SPEC R19).
/// Production orders and MRP are still to come.
public enum BillingService {
    public static let definition = ServiceDefinition(
        name: "billing",
        defaultPort: 8085,
        consumedTopics: [.tickets],
        migrations: { BillingMigrations.register(in: &$0) },
        makeHandler: { context in
            BillingEventHandler(
                outbox: context.outbox, clock: context.clock, ids: context.ids,
                timeZone: context.configuration.timeZone, logger: context.logger)
        },
        addRoutes: { router, context in
            BillingController(store: BillingStore(database: context.database)).addRoutes(to: router)
            let catalogue = ArticleCatalogue(database: context.database, outbox: context.outbox)
            ArticleController(catalogue: catalogue).addRoutes(to: router)
            do {
                let renderer = try BillingPages.renderer(context: context)
                BillingPages.addSharedRoutes(to: router, renderer: renderer)
                ArticlePages(catalogue: catalogue, renderer: renderer).addRoutes(to: router)
            } catch {
                context.logger.critical("billing's pages cannot be served", metadata: [LogKey.error: "\(error)"])
            }
        }
    )
}
