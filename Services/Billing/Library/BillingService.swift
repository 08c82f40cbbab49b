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
            BillingExportController(store: BillingStore(database: context.database), timeZone: context.configuration.timeZone, clock: context.clock).addRoutes(to: router)
        }
    )
}
