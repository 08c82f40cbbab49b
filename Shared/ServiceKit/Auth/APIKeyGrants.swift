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
        try APIKeyGrantRecord(snapshot).upsert(db)
    }

    /// The grant of the key whose SHA-256 is `hash`, live or not; nil when unknown.
    public func grant(hash: String) async throws -> APIKeyGrant? {
        try await database.read { db in
            try APIKeyGrantRecord.filter(APIKeyGrantRecord.Columns.keyHash == hash).fetchOne(db)?.grant()
        }
    }

    /// The grant of key `id`, for pages and tests.
    public func grant(id: String) async throws -> APIKeyGrant? {
        try await database.read { db in
            try APIKeyGrantRecord.fetchOne(db, key: id)?.grant()
        }
    }
}
