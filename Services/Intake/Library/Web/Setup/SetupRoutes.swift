import ServiceKit

/// Everything under `/api/setup` and `/setup`, added once from `IntakeService.definition`.
enum SetupRoutes {
    /// Adds the setup API and pages to the router.
    static func add(to router: ServiceRouter, context: ServiceContext) {
        let store = SetupStore(context: context)
        SetupController(store: store).addRoutes(to: router)
        do {
            try SetupPages.make(context: context, store: store).addRoutes(to: router)
        } catch {
            context.logger.critical("the setup pages cannot be served", metadata: [LogKey.error: "\(error)"])
        }
    }
}
