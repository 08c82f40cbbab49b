public import ServiceKit
import AriannaProtocol

/// The intake service: the CRM core. Owns the setup data, the customers and the tickets with
/// their numbering; every channel that opens a ticket ends in `IntakeStore.openTicket`.
public enum IntakeService {
    public static let definition = ServiceDefinition(
        name: "intake",
        defaultPort: 8081,
        consumedTopics: [.interventions, .intakeRequests],
        migrations: { IntakeMigrations.register(in: &$0) },
        makeHandler: { IntakeEventHandler(outbox: $0.outbox, clock: $0.clock, ids: $0.ids) },
        addRoutes: { router, context in
            TicketController(store: IntakeStore(context: context)).addRoutes(to: router)
        },
        prepare: { try await DefaultSetup.installIfEmpty($0) }
    )
}
