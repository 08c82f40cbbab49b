public import AriannaProtocol
import Crypto
import Foundation
public import GRDB

/// The kit table `apiKeyGrant` of every service: the API keys it accepts, by the SHA-256 of the
/// key. Filled from `setup.api-key.v1` by `EventConsumerService` whatever the service's own
/// handler (as `endedSession` is from `session.ended.v1`); on intake, which owns the keys, in
/// the same transaction as the key's change, so a revocation applies there at once.
public struct APIKeyGrants: Sendable {
    /// The store holding the `apiKeyGrant` table.
    let database: ServiceDatabase

    /// The grants kept in this service's own store.
    public init(database: ServiceDatabase) {
        self.database = database
    }

    /// Lower-case hex SHA-256 of a key: what snapshots carry and the table is searched by.
    public static func hash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `credential` has the shape of an Arianna API key (`ak_` and 43 base64url
    /// characters, 256 random bits), so a typo is refused without a database read.
    public static func isWellFormed(_ credential: String) -> Bool {
        guard credential.hasPrefix("ak_") else { return false }
        let body = credential.dropFirst(3)
        return body.count == 43
            && body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// Stores the key's current state (insert or replace): snapshots are full states.
    public static func record(_ snapshot: APIKeySnapshot, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO apiKeyGrant (id, name, keyHash, permissions, services, expiresAt, requestsPerMinute, active)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET
                    name = excluded.name, keyHash = excluded.keyHash, permissions = excluded.permissions,
                    services = excluded.services, expiresAt = excluded.expiresAt,
                    requestsPerMinute = excluded.requestsPerMinute, active = excluded.active
                """,
            arguments: [
                snapshot.id, snapshot.name, snapshot.keyHashSHA256, try json(snapshot.permissions),
                try json(snapshot.services), snapshot.expiresAt, snapshot.requestsPerMinute, snapshot.active
            ])
    }

    /// The grant of the key whose SHA-256 is `hash`, live or not; nil when unknown.
    public func grant(hash: String) async throws -> APIKeyGrant? {
        try await database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM apiKeyGrant WHERE keyHash = ?", arguments: [hash])
            else { return nil }
            return try Self.grant(row)
        }
    }

    /// The grant of key `id`, for pages and tests.
    public func grant(id: String) async throws -> APIKeyGrant? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM apiKeyGrant WHERE id = ?", arguments: [id]).map(Self.grant)
        }
    }

    /// A grant from its `apiKeyGrant` row (permissions and services are stored as JSON arrays).
    static func grant(_ row: Row) throws -> APIKeyGrant {
        let decoder = JSONDecoder()
        let permissions = try decoder.decode([String].self, from: Data((row["permissions"] as String).utf8))
        let services = try decoder.decode([String].self, from: Data((row["services"] as String).utf8))
        return APIKeyGrant(
            APIKeySnapshot(
                id: row["id"], name: row["name"], keyHashSHA256: row["keyHash"], permissions: permissions,
                services: services, expiresAt: row["expiresAt"], requestsPerMinute: row["requestsPerMinute"],
                active: row["active"]))
    }

    /// A list of names as the JSON array the `apiKeyGrant` row stores.
    static func json(_ values: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
    }
}
