import Foundation
import GRDB

/// An operator's calendar feed (R15): the secret in its URL, which a phone's calendar presents
/// without a session. One per operator; a new one replaces the old, which then answers 404.
struct CalendarFeedRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "calendarFeed"

    /// Whose appointments the feed lists.
    var operatorID: String
    /// 32 random bytes, URL-safe: the feed's only protection.
    var token: String
    /// When the operator (or the back office) made this address.
    var createdAt: Date

    /// The columns the feed's queries name.
    enum Columns {
        /// The `token` column: the secret in the feed's URL, which finds the operator whose feed a calendar asks for.
        static let token = Column(CodingKeys.token)
    }
}
