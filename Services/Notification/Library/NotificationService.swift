public import ServiceKit
import AriannaProtocol

/// The notification service: emails the customer when a ticket is opened and when its
/// appointment is scheduled, moved or cancelled (SPEC R14). The consumer only queues email jobs;
/// ``EmailWorker`` renders and sends them, retrying with backoff, through a ``MailTransport``
/// (today `.eml` files in `<data dir>/notification/outbox`).
public enum NotificationService {
    public static let definition = ServiceDefinition(
        name: "notification",
        defaultPort: 8083,
        consumedTopics: [.tickets, .appointments],
        migrations: { NotificationMigrations.register(in: &$0) },
        makeHandler: { context in
            NotificationEventHandler(clock: context.clock, ids: context.ids, logger: context.logger)
        },
        addRoutes: { router, context in
            EmailController(store: NotificationStore(database: context.database)).addRoutes(to: router)
        },
        makeWorkers: { context in
            let settings = MailSettings(configuration: context.configuration)
            return [
                EmailWorker(
                    store: NotificationStore(database: context.database),
                    transport: FileMailTransport(folder: settings.outboxFolder), settings: settings,
                    timeZone: context.configuration.timeZone, clock: context.clock, logger: context.logger)
            ]
        }
    )
}
