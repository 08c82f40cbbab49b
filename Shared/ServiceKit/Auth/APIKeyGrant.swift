public import AriannaProtocol
public import Foundation

/// What one API key allows, as every service keeps it in its kit table `apiKeyGrant` (learnt
/// from `setup.api-key.v1`; written directly by intake, which owns the keys). Only the key's
/// SHA-256 is known here, never the key.
public struct APIKeyGrant: Sendable, Equatable {
    /// Intake's key id.
    public var id: String
    /// The name an administrator gave it: what logs and "not allowed" answers show.
    public var name: String
    /// Lower-case hex SHA-256 of the key.
    public var keyHash: String
    /// The permissions it grants; names this build does not know are ignored.
    public var permissions: Set<Permission>
    /// Services it may be used on (`ServiceDefinition.name`); empty means every service.
    public var services: [String]
    /// Refused from this instant on; nil: never expires.
    public var expiresAt: Date?
    /// Requests per minute on each service; nil: unlimited.
    public var requestsPerMinute: Int?
    /// False once revoked or deactivated.
    public var active: Bool

    /// The grant a snapshot describes.
    public init(_ snapshot: APIKeySnapshot) {
        self.id = snapshot.id
        self.name = snapshot.name
        self.keyHash = snapshot.keyHashSHA256
        self.permissions = Set(snapshot.permissions.compactMap(Permission.init(rawValue:)))
        self.services = snapshot.services
        self.expiresAt = snapshot.expiresAt
        self.requestsPerMinute = snapshot.requestsPerMinute
        self.active = snapshot.active
    }

    /// Whether the key may be used on `service` at all.
    public func allows(service: String) -> Bool {
        services.isEmpty || services.contains(service)
    }

    /// Whether it is live at `now`: active and not expired.
    public func isLive(at now: Date) -> Bool {
        active && (expiresAt.map { $0 > now } ?? true)
    }

    /// The client a request made with this key runs as.
    public var client: APIClient {
        APIClient(id: id, name: name, permissions: permissions)
    }
}
