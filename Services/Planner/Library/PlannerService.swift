import AriannaProtocol
import Foundation
public import ServiceKit

/// The planner service: the unscheduled queue, the operators' appointments and the rules that
/// decide whether an appointment fits.
public enum PlannerService {
    /// What `ServiceRuntime` runs as the planner: its topics, migrations, routes, event handler and worker.
    public static let definition = ServiceDefinition(
        name: "planner",
        defaultPort: 8082,
        consumedTopics: [.tickets, .setup, .interventions],
        migrations: {
            PlannerMigrations.register(in: &$0)
            BoardMigrations.register(in: &$0)
            TicketStateMigrations.register(in: &$0)
            QueueMigrations.register(in: &$0)
            ListIndexMigrations.register(in: &$0)
            QueueZoneCountMigrations.register(in: &$0)
        },
        makeHandler: { PlannerEventHandler(clock: $0.clock, outbox: $0.outbox) },
        addRoutes: { router, context in
            AppointmentController(
                store: PlannerStore(context: context), timeZone: context.configuration.timeZone, clock: context.clock
            ).addRoutes(to: router)
            AvailabilityController(store: AvailabilityStore(context: context), timeZone: context.configuration.timeZone)
                .addRoutes(to: router)
            BoardController.addRoutes(to: router, context: context)
            AppointmentExportController(
                store: PlannerStore(context: context), timeZone: context.configuration.timeZone,
                clock: context.clock
            ).addRoutes(to: router)  // appointments as CSV
        },
        makeWorkers: { context in
            [PresenceGenerationWorker(store: AvailabilityStore(context: context), logger: context.logger)]
        },
        openAPIDocument: Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "OpenAPI")
    )
}
