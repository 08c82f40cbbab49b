public import ServiceKit
import Foundation
import AriannaProtocol

/// The billing/production service: drafts a document per closed paid ticket from its activity
/// type's billing articles, hours and materials, priced from the catalogue the billing clerk
/// keeps; the clerk edits and confirms it (numbered `FAT/<year>/<counter>` then) (SPEC R5, R19).
/// Production orders, stock and MRP are still to come.
public enum BillingService {
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
            let store = BillingStore(
                database: context.database, outbox: context.outbox, timeZone: context.configuration.timeZone)
            BillingController(store: store, clock: context.clock, ids: context.ids).addRoutes(to: router)
            BillingExportController(store: store, timeZone: context.configuration.timeZone, clock: context.clock)
                .addRoutes(to: router)
            let catalogue = ArticleCatalogue(database: context.database, outbox: context.outbox)
            ArticleController(catalogue: catalogue).addRoutes(to: router)
            ProductionController(
                boms: BOMStore(database: context.database), stock: StockStore(database: context.database, ids: context.ids),
                database: context.database, clock: context.clock
            ).addRoutes(to: router)
            do {
                let renderer = try BillingPages.renderer(context: context)
                try BillingPages.addSharedRoutes(to: router, renderer: renderer)
                ArticlePages(catalogue: catalogue, renderer: renderer).addRoutes(to: router)
                BOMPages(boms: BOMStore(database: context.database), renderer: renderer).addRoutes(to: router)
                PriceRulePages(database: context.database, renderer: renderer).addRoutes(to: router)
                StockPages(stock: StockStore(database: context.database, ids: context.ids), renderer: renderer, clock: context.clock)
                    .addRoutes(to: router)
                MRPPages(
                    runs: MRPRuns(database: context.database, ids: context.ids, clock: context.clock,
                                  timeZone: context.configuration.timeZone),
                    renderer: renderer
                ).addRoutes(to: router)
                let intake = PageNavigation.fromEnvironment().entries.first { $0.service == "intake" }?.baseURL ?? ""
                DocumentPages(store: store, renderer: renderer, clock: context.clock, ids: context.ids, intakeURL: intake)
                    .addRoutes(to: router)
            } catch {
                context.logger.critical("billing's pages cannot be served", metadata: [LogKey.error: "\(error)"])
            }
        },
        makeWorkers: { context in
            [MRPWorker(
                runs: MRPRuns(database: context.database, ids: context.ids, clock: context.clock,
                              timeZone: context.configuration.timeZone),
                logger: context.logger)]
        },
        openAPIDocument: Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "OpenAPI")
    )
}
