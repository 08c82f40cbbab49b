/// What a service may add to ServiceKit's authentication (`ServiceDefinition.authentication`):
/// intake, which owns users, sessions and API keys, checks API keys against its store and
/// refuses sessions ended by a logout. Services without hooks accept any validly signed,
/// unexpired session.
public struct AuthenticationHooks: Sendable {
    /// The client holding API key `secret`, or nil when it is unknown or revoked.
    public var apiClient: (@Sendable (_ secret: String) async throws -> APIClient?)?
    /// Whether a session with a valid signature is still live (not ended by a logout, user still active).
    public var isSessionLive: (@Sendable (SessionClaims) async throws -> Bool)?

    public init(
        apiClient: (@Sendable (_ secret: String) async throws -> APIClient?)? = nil,
        isSessionLive: (@Sendable (SessionClaims) async throws -> Bool)? = nil
    ) {
        self.apiClient = apiClient
        self.isSessionLive = isSessionLive
    }
}
