import AriannaProtocol
import Foundation
public import ServiceKit

/// The web-report service: each operator's to-do list, built from the planner's appointment
/// events and intake's deadlines, and the intervention reports technicians file from their
/// phones (SPEC R15, R16, R18). Filing a report publishes `intervention.closed.v1`, which closes
/// the ticket in intake (or, with another visit needed, sends it back to the planner's queue).
public enum WebReportService {
    /// What `ServiceRuntime` runs: web-report's topics, migrations, handler, routes and OpenAPI document.
    public static let definition = ServiceDefinition(
        name: "webreport",
        defaultPort: 8084,
        consumedTopics: [.appointments, .tickets, .setup, .billing],
        migrations: { WebReportMigrations.register(in: &$0) },
        makeHandler: { context in WebReportEventHandler(clock: context.clock, logger: context.logger) },
        addRoutes: { router, context in
            ReportController(store: WebReportStore(context: context)).addRoutes(to: router)
            CalendarFeedController(store: WebReportStore(context: context)).addRoutes(to: router)
            PhotoController(store: WebReportStore(context: context)).addRoutes(to: router)
            TechnicianPagesController.addRoutes(to: router, context: context)
        },
        openAPIDocument: Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "OpenAPI")
    )
}
