import AriannaProtocol
import Foundation
import GRDB

/// One row of the kit table `apiKeyGrant`: an API key's latest `setup.api-key.v1` state, its
/// permissions and services stored as JSON arrays of names.
struct APIKeyGrantRecord: Codable, FetchableRecord, PersistableRecord {
    /// The kit table this record reads and writes.
    static let databaseTableName = "apiKeyGrant"

    /// Intake's key id, the primary key.
    var id: String
    /// The name an administrator gave the key.
    var name: String
    /// Lower-case hex SHA-256 of the key, what a request's key is looked up by.
    var keyHash: String
    /// The granted permission names, as a JSON array.
    var permissions: String
    /// The services the key may be used on, as a JSON array (empty: every service).
    var services: String
    /// Refused from this instant on; nil: never expires.
    var expiresAt: Date?
    /// Requests per minute on each service; nil: unlimited.
    var requestsPerMinute: Int?
    /// False once revoked or deactivated.
    var active: Bool

    /// The grants' columns, for type-checked queries.
    enum Columns {
        /// `keyHash`: the key's SHA-256, indexed, searched on every request with an API key.
        static let keyHash = Column(CodingKeys.keyHash)
    }

    /// The row storing `snapshot`, a full state of the key.
    init(_ snapshot: APIKeySnapshot) throws {
        id = snapshot.id
        name = snapshot.name
        keyHash = snapshot.keyHashSHA256
        permissions = try Self.json(snapshot.permissions)
        services = try Self.json(snapshot.services)
        expiresAt = snapshot.expiresAt
        requestsPerMinute = snapshot.requestsPerMinute
        active = snapshot.active
    }

    /// The grant this row describes, for the authentication middleware and intake's pages.
    func grant() throws -> APIKeyGrant {
        let decoder = JSONDecoder()
        return APIKeyGrant(
            APIKeySnapshot(
                id: id, name: name, keyHashSHA256: keyHash,
                permissions: try decoder.decode([String].self, from: Data(permissions.utf8)),
                services: try decoder.decode([String].self, from: Data(services.utf8)), expiresAt: expiresAt,
                requestsPerMinute: requestsPerMinute, active: active))
    }

    /// A list of names as the JSON array the row stores.
    static func json(_ values: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
    }
}
