public import Foundation
public import Hummingbird
public import ServiceKit

/// An API key as listed (no secret, no hash), with its limits and its last use per service.
public struct APIKeyView: Codable, Sendable, Equatable, ResponseEncodable {
    public var id: String
    public var name: String
    public var permissions: [Permission]
    /// Services it may be used on; empty: all five.
    public var services: [String]
    public var expiresAt: Date?
    public var requestsPerMinute: Int?
    public var createdAt: Date
    public var revokedAt: Date?
    /// Service → the last request it let through with this key (to within a minute; see `APIKeyUsage`).
    public var lastUsed: [String: Date]

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
    public var key: APIKeyView
    /// Send it as `Authorization: Bearer <secret>` or `X-API-Key: <secret>`.
    public var secret: String
}
