import AriannaProtocol
import Foundation
import IntakeDomain
public import ServiceKit

/// The intake service: the CRM core. Owns the setup data, the customers and the tickets with
/// their numbering; every channel that opens a ticket ends in `IntakeStore.openTicket`.
public enum IntakeService {
    /// What the command line configures beyond `ServiceOptions` (`Main/IntakeOptions.swift`),
    /// handed to the library as values: nothing in it reads the environment.
    public struct Settings: Sendable, Equatable {
        /// The email channel: its maildir, call type and polling.
        public var email: EmailChannelSettings
        /// The password of the admin user written into an empty store; nil: the demo one.
        public var adminPassword: String?

        /// The settings `make run` and the tests use unless they say otherwise.
        public init(email: EmailChannelSettings = .init(), adminPassword: String? = nil) {
            self.email = email
            self.adminPassword = adminPassword
        }
    }

    /// The service with the default settings (the tests' and the contract's).
    public static var definition: ServiceDefinition { definition(Settings()) }

    /// The service as the command line configured it.
    public static func definition(_ settings: Settings) -> ServiceDefinition {
        ServiceDefinition(
            name: "intake",
            defaultPort: 8081,
            consumedTopics: [.interventions, .intakeRequests, .appointments],
            migrations: { IntakeMigrations.register(in: &$0) },
            makeHandler: {
                IntakeEventHandler(
                    outbox: $0.outbox, clock: $0.clock, ids: $0.ids, settings: IntakeSettings(context: $0))
            },
            addRoutes: { router, context in
                // Page controllers: get your renderer from `IntakePages.renderer(context:strings:)` and
                // your assets from `IntakePages.assets()`; the layout's routes are added here, once.
                IntakePages.addSharedRoutes(to: router, context: context)
                TicketController(store: IntakeStore(context: context)).addRoutes(to: router)
                TicketLifecycleController(store: IntakeStore(context: context)).addRoutes(to: router)  // issue 12
                IntakeAccess.addRoutes(to: router, context: context)  // login, users, API keys (R1, R17)
                SetupRoutes.add(to: router, context: context)  // setup data API and pages (R2–R5)
                do {
                    try TicketPages.make(context: context).addRoutes(to: router)
                    try CallPage.make(context: context).addRoutes(to: router)
                    try CSVImportController.make(context: context).addRoutes(to: router)  // CSV channel (R10)
                    try AttachmentController.make(context: context).addRoutes(to: router)  // ticket attachments
                    TicketExportController(
                        store: IntakeStore(context: context), timeZone: context.configuration.timeZone
                    )
                    .addRoutes(to: router)  // the ticket search as CSV
                } catch {
                    context.logger.critical("the ticket pages cannot be served", metadata: ["error": "\(error)"])
                }
            },
            // The email channel (R10): watches the maildir (Adapters/Email).
            makeWorkers: { [MaildirWatcher(context: $0, channel: settings.email)] },
            prepare: {
                try await DefaultSetup.installIfEmpty($0, adminPassword: settings.adminPassword)
                try await IntakeAuthentication.prepare(context: $0)  // every API key, to every service
            },
            // API keys and logout: intake owns users, sessions and keys (Store/Auth, Store/Users).
            authentication: { IntakeAuthentication.hooks(context: $0) },
            ownsAPIKeys: true,
            ownsLogin: true,  // the login page and sessions are intake's (Auth/)
            openAPIDocument: Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "OpenAPI")
        )
    }
}
