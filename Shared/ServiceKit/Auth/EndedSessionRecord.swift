import Foundation
import GRDB

/// One row of the kit table `endedSession`: a session intake ended before its expiry, kept until
/// it would have expired anyway.
struct EndedSessionRecord: Codable, FetchableRecord, PersistableRecord {
    /// The kit table this record reads and writes.
    static let databaseTableName = "endedSession"

    /// The ended session's id, as its signed cookie or token carries it.
    var sessionID: String
    /// When the session would have expired: the row can be forgotten from then on.
    var expiresAt: Date

    /// The ended sessions' columns, for type-checked queries.
    enum Columns {
        /// `sessionID`: the primary key, looked up on every authenticated request.
        static let sessionID = Column(CodingKeys.sessionID)
        /// `expiresAt`: rows past it are deleted when the next session ends.
        static let expiresAt = Column(CodingKeys.expiresAt)
    }
}
