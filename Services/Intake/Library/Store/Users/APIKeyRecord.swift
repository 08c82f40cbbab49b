public import Foundation
public import GRDB
public import ServiceKit
import AriannaProtocol

/// A key an external system uses instead of a login, with its limits; only the SHA-256 of its
/// secret is kept. Never deleted: revoking sets `revokedAt`.
public struct APIKeyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "apiKey"
    public var id: String
    public var name: String
    public var keyHash: String
    public var permissions: [Permission]
    /// Services it may be used on (`ServiceDefinition.name`); empty: all five.
    public var services: [String]
    public var expiresAt: Date?
    public var requestsPerMinute: Int?
    public var createdAt: Date
    public var revokedAt: Date?

    /// What every service learns about the key (`setup.api-key.v1`).
    var snapshot: APIKeySnapshot {
        APIKeySnapshot(
            id: id, name: name, keyHashSHA256: keyHash, permissions: permissions.map(\.rawValue).sorted(),
            services: services, expiresAt: expiresAt, requestsPerMinute: requestsPerMinute, active: revokedAt == nil)
    }
}
