public import Foundation
public import Hummingbird
public import ServiceKit

/// An API key as listed (no secret, no hash), with its limits and its last use per service.
public struct APIKeyView: Codable, Sendable, Equatable, ResponseEncodable {
    /// The key's id.
    public var id: String
    /// Who or what uses the key.
    public var name: String
    /// What the key may do.
    public var permissions: [Permission]
    /// Services it may be used on; empty: all five.
    public var services: [String]
    /// Refused from this instant on; nil: never expires.
    public var expiresAt: Date?
    /// Requests per minute on each service; nil: no limit.
    public var requestsPerMinute: Int?
    /// When the key was created.
    public var createdAt: Date
    /// When it was revoked; nil while it works.
    public var revokedAt: Date?
    /// Service → the last request it let through with this key (to within a minute; see `APIKeyUsage`).
    public var lastUsed: [String: Date]

    /// The key as listed, with its last use per service.
    init(_ record: APIKeyRecord, lastUsed: [String: Date] = [:]) {
        self.id = record.id
        self.name = record.name
        self.permissions = record.permissions.sorted()
        self.services = record.services
        self.expiresAt = record.expiresAt
        self.requestsPerMinute = record.requestsPerMinute
        self.createdAt = record.createdAt
        self.revokedAt = record.revokedAt
        self.lastUsed = lastUsed
    }

    /// The latest use on any service, and where.
    var lastUse: (service: String, at: Date)? {
        lastUsed.max { $0.value < $1.value }.map { ($0.key, $0.value) }
    }
}

/// A new API key: the only time its secret is ever shown.
public struct CreatedAPIKey: Codable, Sendable, ResponseEncodable {
    /// The key as listed from now on.
    public var key: APIKeyView
    /// Send it as `Authorization: Bearer <secret>` or `X-API-Key: <secret>`.
    public var secret: String
}
