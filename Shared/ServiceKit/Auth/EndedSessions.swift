import AriannaProtocol
import Foundation
import GRDB

/// The sessions intake ended before their expiry (logout, a deactivated user, a new password),
/// as every service learns them from `session.ended.v1` on the setup topic. The authentication
/// middleware refuses a signed cookie whose session is here, so logging out ends the session on
/// all five services, not only on intake.
struct EndedSessions: Sendable {
    /// The store holding the `endedSession` table.
    let database: ServiceDatabase

    /// Records `ended` (idempotent) and forgets sessions that have expired anyway.
    static func record(_ ended: SessionEnded, now: Date, in db: Database) throws {
        try EndedSessionRecord(sessionID: ended.sessionID, expiresAt: ended.expiresAt).insert(db, onConflict: .ignore)
        try EndedSessionRecord.filter(EndedSessionRecord.Columns.expiresAt < now).deleteAll(db)
    }

    /// Whether intake ended `sessionID` (its cookie or token is then refused).
    func contains(_ sessionID: String) async throws -> Bool {
        try await database.read { db in
            try EndedSessionRecord.exists(db, key: sessionID)
        }
    }
}
