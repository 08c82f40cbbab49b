import AriannaProtocol
import Foundation
public import ServiceKit

/// The notification service: emails the customer when a ticket is opened and when its
/// appointment is scheduled, moved or cancelled (SPEC R14). The consumer only queues email jobs;
/// ``EmailWorker`` renders and sends them, retrying transient failures with backoff, through a
/// ``MailTransport``: SMTP via libcurl by default, `.eml` files in `<data dir>/notification/outbox`
/// as an option.
public enum NotificationService {
    /// The service with every mail default (``MailConfiguration/localDefault``), for tests and
    /// tools; the executable passes what its options say (`--smtp-*`, `--mail-*` and their
    /// environment variables), so the library never reads the environment itself.
    public static var definition: ServiceDefinition {
        definition(mail: .localDefault)
    }

    /// The service sending mail as `mail` says.
    public static func definition(mail: MailConfiguration) -> ServiceDefinition {
        ServiceDefinition(
            name: "notification",
            defaultPort: 8083,
            consumedTopics: [.tickets, .appointments, .interventions, .setup],
            migrations: { NotificationMigrations.register(in: &$0) },
            makeHandler: { context in
                NotificationEventHandler(clock: context.clock, ids: context.ids, logger: context.logger)
            },
            addRoutes: { router, context in
                EmailController(store: NotificationStore(context: context)).addRoutes(to: router)
                TemplateController(
                    store: NotificationStore(context: context), timeZone: context.configuration.timeZone,
                    clock: context.clock
                ).addRoutes(to: router)
                RecipientRuleController(store: NotificationStore(context: context), clock: context.clock).addRoutes(
                    to: router)
                do {
                    try OutboxPages.make(store: NotificationStore(context: context), context: context).addRoutes(
                        to: router)
                } catch {
                    context.logger.critical("the outbox pages cannot be served", metadata: [LogKey.error: "\(error)"])
                }
            },
            makeWorkers: { context in
                let settings = MailSettings(configuration: context.configuration, mail: mail)
                return [
                    EmailWorker(
                        store: NotificationStore(context: context),
                        transport: mail.makeTransport(outboxFolder: settings.outboxFolder), settings: settings,
                        timeZone: context.configuration.timeZone, clock: context.clock, logger: context.logger)
                ]
            },
            openAPIDocument: Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "OpenAPI")
        )
    }
}
