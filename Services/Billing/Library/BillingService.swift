import AriannaProtocol
import Foundation
public import ServiceKit

/// The billing/production service: drafts a document per closed paid ticket from its activity
/// type's billing articles, hours and materials, priced from the catalogue the billing clerk
/// keeps; the clerk edits and confirms it (numbered `FAT/<year>/<counter>` then) (SPEC R5, R19).
/// Production: bills of materials, production orders from tickets, stock per warehouse and van,
/// and MRP after each change.
public enum BillingService {
    /// What the runtime needs to run billing: its store, the events it consumes, its routes and
    /// the MRP worker.
    public static let definition = ServiceDefinition(
        name: "billing",
        defaultPort: 8085,
        consumedTopics: [.tickets, .setup, .interventions],
        migrations: { BillingMigrations.register(in: &$0) },
        makeHandler: { context in
            BillingEventHandler(
                outbox: context.outbox, clock: context.clock, ids: context.ids,
                timeZone: context.configuration.timeZone, logger: context.logger)
        },
        addRoutes: { router, context in
            let store = BillingStore(context: context)
            let catalogue = ArticleCatalogue(context: context)
            BillingController(store: store, clock: context.clock, ids: context.ids).addRoutes(to: router)
            BillingExportController(store: store, timeZone: context.configuration.timeZone, clock: context.clock)
                .addRoutes(to: router)
            ArticleController(catalogue: catalogue).addRoutes(to: router)
            ProductionController(
                boms: BOMStore(context: context), stock: StockStore(context: context), clock: context.clock
            )
            .addRoutes(to: router)
            do {
                let renderer = try BillingPages.renderer(context: context)
                try BillingPages.addSharedRoutes(to: router, renderer: renderer)
                ArticlePages(catalogue: catalogue, renderer: renderer).addRoutes(to: router)
                BOMPages(boms: BOMStore(context: context), renderer: renderer).addRoutes(to: router)
                PriceRulePages(rules: PriceRules(context: context), renderer: renderer).addRoutes(to: router)
                StockPages(stock: StockStore(context: context), renderer: renderer, clock: context.clock)
                    .addRoutes(to: router)
                MRPPages(runs: MRPRuns(context: context), renderer: renderer).addRoutes(to: router)
                DocumentPages(
                    store: store, renderer: renderer, clock: context.clock, ids: context.ids,
                    intakeURL: context.configuration.intakeURL
                ).addRoutes(to: router)
            } catch {
                context.logger.critical("billing's pages cannot be served", metadata: [LogKey.error: "\(error)"])
            }
        },
        makeWorkers: { context in
            [MRPWorker(runs: MRPRuns(context: context), logger: context.logger)]
        },
        openAPIDocument: Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "OpenAPI")
    )
}
