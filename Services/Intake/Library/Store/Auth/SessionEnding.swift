import Foundation
import GRDB
import ServiceKit
import AriannaProtocol

/// Ends sessions inside the caller's transaction and tells the other services: each ended
/// session gets `endedAt` here and a `session.ended.v1`, so the planner, web-report and the rest
/// refuse its cookie too, not just intake.
enum SessionEnding {
    /// Ends the open sessions matching `filter` (`id = ?` or `userID = ?`) at `now`.
    static func end(where filter: String, _ value: String, at now: Date, outbox: OutboxWriter, in db: Database) throws {
        let open = try Row.fetchAll(db, sql: """
            SELECT id, userID, expiresAt FROM session WHERE \(filter) = ? AND endedAt IS NULL
            """, arguments: [value])
        for row in open {
            let sessionID: String = row["id"]
            try db.execute(sql: "UPDATE session SET endedAt = ? WHERE id = ?", arguments: [now, sessionID])
            try outbox.append(
                SessionEnded(sessionID: sessionID, userID: row["userID"], endedAt: now, expiresAt: row["expiresAt"]),
                in: db)
        }
    }
}
