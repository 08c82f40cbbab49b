import ServiceKit

/// Intake's additions to ServiceKit's authentication: API keys are checked against its store,
/// and a session ended by logout (or a deactivated user) is refused at once.
enum IntakeAuthentication {
    static func hooks(context: ServiceContext) -> AuthenticationHooks {
        let keys = APIKeyDirectory(context: context)
        let sessions = SessionDirectory(context: context)
        return AuthenticationHooks(
            apiClient: { secret in try await keys.client(secret: secret) },
            isSessionLive: { claims in try await sessions.isLive(claims) })
    }
}

/// Login, users and API keys: the routes of R1/R17, added once from `IntakeService.definition`.
enum IntakeAccess {
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
