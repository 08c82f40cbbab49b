/// What a service may add to ServiceKit's authentication (`ServiceDefinition.authentication`):
/// intake, which owns users and sessions, refuses sessions ended by a logout at once. API keys
/// are checked by ServiceKit itself on every service (`APIKeyCheck`). Services without hooks
/// accept any validly signed, unexpired session not ended by `session.ended.v1`.
public struct AuthenticationHooks: Sendable {
    /// Whether a session with a valid signature is still live (not ended by a logout, user still active).
    public var isSessionLive: (@Sendable (SessionClaims) async throws -> Bool)?

    /// Hooks with the given session check; no argument: signed, unexpired, not-ended sessions only.
    public init(isSessionLive: (@Sendable (SessionClaims) async throws -> Bool)? = nil) {
        self.isSessionLive = isSessionLive
    }
}
