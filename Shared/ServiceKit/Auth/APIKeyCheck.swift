public import AriannaWording
public import Foundation
import Hummingbird

/// Verifies an API key on this service, locally, from the kit table: the same rules on all five
/// services, so a key means the same thing wherever it is presented.
///
/// A malformed, unknown, expired or revoked key gets one 401 that does not say which (the caller
/// learns nothing about other keys); a live key used on a service it is not allowed on gets 403;
/// past its requests-per-minute, 429 with `Retry-After`. Permissions are checked per route by
/// `RequirePermission` (403 naming the permission).
public struct APIKeyCheck: Sendable {
    /// The keys this service accepts, from its own kit table.
    let grants: APIKeyGrants
    /// This service's name (`ServiceDefinition.name`), matched against the key's services.
    let service: String
    /// Each key's requests-per-minute budget in this process.
    let rateLimit: RequestRateLimit
    /// Notes each accepted key's last use; nil where nobody needs it (tests).
    let usage: APIKeyUsage?

    /// A check for `service`'s requests against its copy of the grants; `usage`, when given,
    /// notes each accepted key's last use for intake's API keys page.
    public init(
        grants: APIKeyGrants, service: String, rateLimit: RequestRateLimit = RequestRateLimit(),
        usage: APIKeyUsage? = nil
    ) {
        self.grants = grants
        self.service = service
        self.rateLimit = rateLimit
        self.usage = usage
    }

    /// The one answer to a key that is not accepted, whatever the reason.
    public static let notValid = Wording(
        it: "La chiave API o il token di sessione non è valido.",
        en: "The API key or session token is not valid.")

    /// The client presenting `key` at `now`, or the refusal as an `HTTPError`.
    public func client(presenting key: String, now: Date, language: PageLanguage) async throws -> APIClient {
        guard APIKeyGrants.isWellFormed(key), let grant = try await grants.grant(hash: APIKeyGrants.hash(key)),
            grant.isLive(at: now)
        else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: Self.notValid.text(language))
        }
        guard grant.allows(service: service) else {
            throw HTTPError(
                .forbidden,
                message: Wording(
                    it:
                        "La chiave API \"\(grant.name)\" non può essere usata su \(service): vale solo su \(grant.services.joined(separator: ", ")).",
                    en:
                        "The API key \"\(grant.name)\" may not be used on \(service): it is limited to \(grant.services.joined(separator: ", "))."
                )
                .text(language))
        }
        if let perMinute = grant.requestsPerMinute,
            let wait = rateLimit.spend(keyID: grant.id, perMinute: perMinute, now: now)
        {
            throw HTTPError(
                .tooManyRequests, headers: [.retryAfter: "\(wait)"],
                message: Wording(
                    it:
                        "La chiave API \"\(grant.name)\" ha superato il limite di \(perMinute) richieste al minuto su \(service); riprova tra \(wait) s.",
                    en:
                        "The API key \"\(grant.name)\" is over its limit of \(perMinute) requests per minute on \(service); retry in \(wait) s."
                )
                .text(language))
        }
        await usage?.note(keyID: grant.id, at: now)
        return grant.client
    }
}
