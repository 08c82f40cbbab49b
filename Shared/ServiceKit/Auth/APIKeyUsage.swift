public import AriannaProtocol
public import Foundation
public import GRDB
public import Logging
import Synchronization

/// When each API key was last used on each service (the kit table `apiKeyUse`), for the last-use
/// column of intake's API keys page.
///
/// A service notes a use when it lets a key's request through, but writes and publishes
/// `api-key.used.v1` at most once a minute per key, so a busy integrator costs one small write a
/// minute rather than one per request; every service records the events it consumes, so intake
/// learns the uses on all five. A last use is therefore up to a minute (plus the event's trip)
/// older than the real one, and uses in the last minute before a crash may be lost.
public final class APIKeyUsage: Sendable {
    /// The store holding the `apiKeyUse` table.
    let database: ServiceDatabase
    /// Publishes `api-key.used.v1` with the write, so intake learns of the use.
    let outbox: OutboxWriter
    /// The service the key was used on, as the event and the row name it.
    let service: String
    /// Where a failed write is reported (a lost use never fails the request).
    let logger: Logger
    /// How often at most one key's use is written and published by this process.
    let interval: TimeInterval
    private let lastWritten = Mutex<[String: Date]>([:])

    /// Last-use bookkeeping of `service`, writing at most once per `interval` seconds per key.
    public init(
        database: ServiceDatabase, outbox: OutboxWriter, service: String, logger: Logger, interval: TimeInterval = 60
    ) {
        self.database = database
        self.outbox = outbox
        self.service = service
        self.logger = logger
        self.interval = interval
    }

    /// Notes a use of `keyID` at `now`; writes it (and publishes it) only if the last write of
    /// this key is at least `interval` old. A failed write is logged, never refuses the request.
    func note(keyID: String, at now: Date) async {
        let due = lastWritten.withLock { written in
            if let last = written[keyID], now.timeIntervalSince(last) < interval, now >= last { return false }
            written[keyID] = now
            return true
        }
        guard due else { return }
        let used = APIKeyUsed(keyID: keyID, service: service, usedAt: now)
        do {
            try await database.write { [outbox] db in
                try Self.record(used, in: db)
                try outbox.append(used, in: db)
            }
        } catch {
            logger.warning("could not record an API key's use", metadata: ["key": "\(keyID)", "error": "\(error)"])
        }
    }

    /// Keeps the later of the stored and the reported use of the key on that service.
    public static func record(_ used: APIKeyUsed, in db: Database) throws {
        let use = APIKeyUseRecord(keyID: used.keyID, service: used.service, lastUsedAt: used.usedAt)
        _ = try use.upsertAndFetch(db, onConflict: ["keyID", "service"]) { excluded in
            let lastUsedAt = APIKeyUseRecord.Columns.lastUsedAt
            return [lastUsedAt.set(to: max(lastUsedAt, excluded[lastUsedAt]))]
        }
    }

    /// Every key's last use per service: key id → service → instant.
    public static func lastUses(in database: ServiceDatabase) async throws -> [String: [String: Date]] {
        try await database.read { db in
            var uses: [String: [String: Date]] = [:]
            for use in try APIKeyUseRecord.fetchAll(db) {
                uses[use.keyID, default: [:]][use.service] = use.lastUsedAt
            }
            return uses
        }
    }
}
