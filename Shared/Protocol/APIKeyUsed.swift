public import Foundation

/// An API key was used on a service: published by that service at most once a minute per key,
/// so intake's API keys page can show each key's last use everywhere without a write per request.
public struct APIKeyUsed: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "api-key.used.v1"
    /// Published on this topic, next to the key's snapshots (same message key, same partition).
    public static let topic = Topic.setup

    /// The key's id (`setup.api-key.v1` `id`).
    public var keyID: String
    /// The service it was used on (`intake`, `planner`, `notification`, `webreport`, `billing`).
    public var service: String
    /// The request that was let through.
    public var usedAt: Date

    /// Key: `"api-key:<keyID>"`.
    public var aggregateID: String { "api-key:\(keyID)" }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(keyID: String, service: String, usedAt: Date) {
        self.keyID = keyID
        self.service = service
        self.usedAt = usedAt
    }
}

extension APIKeyUsed: PayloadValidating {
    /// Names the key and the service that used it: the two things intake's last-use list shows.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(keyID, "keyID")
        check.nonEmpty(service, "service")
    }
}
