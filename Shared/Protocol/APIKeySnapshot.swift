public import Foundation

/// The full current state of an API key, published by intake (where keys are created, limited and
/// revoked) every time one changes and for every stored key at start-up, so every service can
/// verify `Authorization: Bearer ak_…` / `X-API-Key` locally without sharing a database.
/// Only the key's SHA-256 travels: the key itself is shown once on creation and never stored.
public struct APIKeySnapshot: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "setup.api-key.v1"
    /// Published on this topic.
    public static let topic = Topic.setup

    /// Intake's key id (non-empty).
    public var id: String
    /// The name an administrator gave the key (non-empty), e.g. "Call centre North".
    public var name: String
    /// Lower-case hex of the SHA-256 of the whole key (`ak_…`): 64 hex digits.
    public var keyHashSHA256: String
    /// The permissions the key grants (`tickets.open`, `planner.schedule`, …).
    public var permissions: [String]
    /// The services it may be used on (`intake`, `planner`, `notification`, `webreport`,
    /// `billing`); empty means every service.
    public var services: [String]
    /// After this instant the key is refused; `nil`: it does not expire.
    public var expiresAt: Date?
    /// Requests per minute it may make on each service (429 past it); `nil`: no limit.
    public var requestsPerMinute: Int?
    /// `false` once revoked or deactivated: refused everywhere from then on.
    public var active: Bool

    /// Key: `"api-key:<id>"`.
    public var aggregateID: String { "api-key:\(id)" }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        id: String, name: String, keyHashSHA256: String, permissions: [String], services: [String],
        expiresAt: Date?, requestsPerMinute: Int?, active: Bool
    ) {
        self.id = id
        self.name = name
        self.keyHashSHA256 = keyHashSHA256
        self.permissions = permissions
        self.services = services
        self.expiresAt = expiresAt
        self.requestsPerMinute = requestsPerMinute
        self.active = active
    }
}

extension APIKeySnapshot: PayloadValidating {
    /// The key's hash is 64 lower-case hex digits and a rate limit, when set, is above zero, so no
    /// service stores a grant it could never match or meter.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(id, "id")
        check.nonEmpty(name, "name")
        check.require(
            keyHashSHA256.count == 64 && keyHashSHA256.allSatisfy { $0.isHexDigit && !$0.isUppercase },
            "keyHashSHA256 must be 64 lower-case hex digits")
        for (index, permission) in permissions.enumerated() { check.nonEmpty(permission, "permissions[\(index)]") }
        for (index, service) in services.enumerated() { check.nonEmpty(service, "services[\(index)]") }
        if let requestsPerMinute {
            check.require(requestsPerMinute > 0, "requestsPerMinute must be greater than zero")
        }
    }
}
