import ServiceKit

/// Intake's additions to ServiceKit's authentication: a session ended by logout (or a
/// deactivated user) is refused at once. API keys are checked by ServiceKit on every service,
/// intake included, from the grants `APIKeyDirectory` writes.
enum IntakeAuthentication {
    /// What only intake can tell every request's check: whether the session was ended.
    static func hooks(context: ServiceContext) -> AuthenticationHooks {
        let sessions = SessionDirectory(context: context)
        return AuthenticationHooks(isSessionLive: { claims in try await sessions.isLive(claims) })
    }

    /// Start-up: grant and publish every stored API key, so every service knows them.
    static func prepare(context: ServiceContext) async throws {
        try await APIKeyDirectory(context: context).publishAll()
    }
}

/// Login, users and API keys: the routes of R1/R17, added once from `IntakeService.definition`.
enum IntakeAccess {
    /// Login, users and API keys, as JSON and as pages.
    static func addRoutes(to router: ServiceRouter, context: ServiceContext) {
        UserController(users: UserDirectory(context: context)).addRoutes(to: router)
        APIKeyController(keys: APIKeyDirectory(context: context)).addRoutes(to: router)
        do {
            try LoginController.make(context: context).addRoutes(to: router)
            try UserPages.make(context: context).addRoutes(to: router)
            try APIKeyPages.make(context: context).addRoutes(to: router)
        } catch {
            context.logger.critical("the login and user pages cannot be served", metadata: ["error": "\(error)"])
        }
    }
}
