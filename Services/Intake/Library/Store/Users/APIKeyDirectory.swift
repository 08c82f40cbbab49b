import Crypto
import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// API keys for external systems: created with a random secret shown once, stored as its
/// SHA-256, listed without it, revoked (never deleted).
///
/// Every change writes, in one transaction, the key's row, its grant in ServiceKit's table (so
/// intake applies it at once) and a `setup.api-key.v1` snapshot (so the other four services
/// apply it as soon as they consume it).
struct APIKeyDirectory: Sendable {
    /// Intake's SQLite store, where keys and their grants live.
    let database: ServiceDatabase
    /// Where `setup.api-key.v1` is appended, in the write's transaction.
    let outbox: OutboxWriter
    /// The time keys are created and revoked at.
    let clock: ServiceClock
    /// Ids of new keys.
    let ids: IDGenerator

    /// The directory of a running service.
    init(context: ServiceContext) {
        self.database = context.database
        self.outbox = context.outbox
        self.clock = context.clock
        self.ids = context.ids
    }

    /// Hex SHA-256 of a secret: what `apiKey.keyHash` holds.
    static func hash(_ secret: String) -> String {
        APIKeyGrants.hash(secret)
    }

    /// A fresh secret: `ak_` and 256 random bits in base64url (43 characters).
    static func newSecret() -> String {
        "ak_"
            + SymmetricKey(size: .bits256).withUnsafeBytes { bytes in
                Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                    .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            }
    }

    /// Every key, newest first, revoked ones too, with when each service last saw it used.
    func keys() async throws -> [APIKeyView] {
        let uses = try await APIKeyUsage.lastUses(in: database)
        return try await database.read { db in
            try APIKeyRecord.order(APIKeyRecord.Columns.createdAt.desc).fetchAll(db).map {
                APIKeyView($0, lastUsed: uses[$0.id] ?? [:])
            }
        }
    }

    /// Creates a key and grants it on every service (`setup.api-key.v1`); the secret is in the
    /// answer only, once.
    func create(_ request: NewAPIKey) async throws -> CreatedAPIKey {
        let problems = request.problems(now: clock.now())
        if !problems.isEmpty { throw SetupError.invalid(problems) }
        let secret = Self.newSecret()
        let record = APIKeyRecord(
            id: ids.next(), name: request.name.trimmingCharacters(in: .whitespaces), keyHash: Self.hash(secret),
            permissions: Set(request.permissions.compactMap(Permission.init(rawValue:))).sorted(),
            services: Array(Set(request.services ?? [])).sorted(), expiresAt: request.expiresAt,
            requestsPerMinute: request.requestsPerMinute, createdAt: clock.now(), revokedAt: nil)
        try await database.write { [outbox] db in
            try record.insert(db)
            try Self.publish(record, outbox: outbox, in: db)
        }
        return CreatedAPIKey(key: APIKeyView(record), secret: secret)
    }

    /// Revokes a key on every service; revoking twice changes nothing.
    func revoke(id: String) async throws -> APIKeyView {
        let now = clock.now()
        return try await database.write { [outbox] db in
            guard var record = try APIKeyRecord.fetchOne(db, key: id) else {
                throw SetupError.notFound(kind: Wording(it: "nessuna chiave API", en: "API key"), id: id)
            }
            if record.revokedAt == nil {
                record.revokedAt = now
                try record.update(db)
                try Self.publish(record, outbox: outbox, in: db)
            }
            return APIKeyView(record)
        }
    }

    /// Every stored key, granted here and published again: run at start-up, so services that
    /// started with an empty store, or keys created before keys travelled, are known everywhere.
    func publishAll() async throws {
        try await database.write { [outbox] db in
            for record in try APIKeyRecord.fetchAll(db) {
                try Self.publish(record, outbox: outbox, in: db)
            }
        }
    }

    /// The key's grant here and its snapshot for the others, in the caller's transaction.
    static func publish(_ record: APIKeyRecord, outbox: OutboxWriter, in db: Database) throws {
        let snapshot = record.snapshot
        try APIKeyGrants.record(snapshot, in: db)
        try outbox.append(snapshot, in: db)
    }
}
