public import Foundation
public import Hummingbird

/// The request context of every service: Hummingbird's core storage plus our JSON coding and
/// who is calling (set by `AuthenticationMiddleware`).
public struct ServiceRequestContext: RequestContext {
    /// Hummingbird's own per-request storage (logger, parameters, allocator).
    public var coreContext: CoreRequestContextStorage
    /// The authenticated user or API client; nil for an anonymous request.
    public var identity: RequestIdentity?
    /// How `identity` was established (cookie, bearer session, API key).
    public var authenticationMethod: AuthenticationMethod?
    /// Intake's login page (absolute, or `/login` on intake itself), where anonymous page
    /// requests are sent.
    public var loginURL: String = "/login"
    /// The peer's IP address, when the server knows it (login throttling).
    public var remoteAddress: String?

    /// A fresh context for one request, anonymous until `AuthenticationMiddleware` runs.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Request bodies are read with our JSON coding (``APIJSON``).
    public var requestDecoder: JSONDecoder { APIJSON.decoder }
    /// Answers are written with our JSON coding (``APIJSON``).
    public var responseEncoder: JSONEncoder { APIJSON.encoder }
}
