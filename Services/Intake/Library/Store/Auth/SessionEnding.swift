import AriannaProtocol
import Foundation
import GRDB
import ServiceKit

/// Ends sessions inside the caller's transaction and tells the other services: each ended
/// session gets `endedAt` here and a `session.ended.v1`, so the planner, web-report and the rest
/// refuse its cookie too, not just intake.
enum SessionEnding {
    /// Ends the open sessions matching `filter` (`id = ?` or `userID = ?`) at `now`.
    static func end(where filter: String, _ value: String, at now: Date, outbox: OutboxWriter, in db: Database) throws {
        let open = try SessionRecord.filter(Column(filter) == value)
            .filter(SessionRecord.Columns.endedAt == nil).fetchAll(db)
        for session in open {
            let sessionID = session.id
            try SessionRecord.filter(key: sessionID).updateAll(db, SessionRecord.Columns.endedAt.set(to: now))
            try outbox.append(
                SessionEnded(sessionID: sessionID, userID: session.userID, endedAt: now, expiresAt: session.expiresAt),
                in: db)
        }
    }
}
