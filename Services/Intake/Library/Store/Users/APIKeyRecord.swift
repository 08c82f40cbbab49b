import AriannaProtocol
public import Foundation
public import GRDB
public import ServiceKit

/// A key an external system uses instead of a login, with its limits; only the SHA-256 of its
/// secret is kept. Never deleted: revoking sets `revokedAt`.
public struct APIKeyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of API keys.
    public static let databaseTableName = "apiKey"
    /// The key's id, shown in the list and named by revocation.
    public var id: String
    /// Who or what uses the key.
    public var name: String
    /// The SHA-256 of the secret; the secret itself is shown once and never kept.
    public var keyHash: String
    /// What the key may do.
    public var permissions: [Permission]
    /// Services it may be used on (`ServiceDefinition.name`); empty: all five.
    public var services: [String]
    /// Refused from this instant on; nil: never expires.
    public var expiresAt: Date?
    /// Requests per minute on each service; nil: no limit.
    public var requestsPerMinute: Int?
    /// When the key was created.
    public var createdAt: Date
    /// When it was revoked; every service refuses it from then on.
    public var revokedAt: Date?

    /// The column keys are listed by, newest first.
    public enum Columns {
        /// When the key was created.
        public static let createdAt = Column(CodingKeys.createdAt)
    }

    /// What every service learns about the key (`setup.api-key.v1`).
    var snapshot: APIKeySnapshot {
        APIKeySnapshot(
            id: id, name: name, keyHashSHA256: keyHash, permissions: permissions.map(\.rawValue).sorted(),
            services: services, expiresAt: expiresAt, requestsPerMinute: requestsPerMinute, active: revokedAt == nil)
    }
}
