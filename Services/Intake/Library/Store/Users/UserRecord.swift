import Foundation
public import GRDB
public import ServiceKit

/// A person who logs in (R1, R17): linked to an operator, with permissions, practices and a
/// language. Never deleted, only deactivated, so tickets keep pointing at who opened them.
public struct UserRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "user"
    public var id: String
    public var username: String
    public var operatorID: String?
    /// bcrypt; nil until an administrator sets a password (the user cannot log in).
    public var passwordHash: String?
    public var permissions: [Permission]
    public var practiceIDs: [String]
    public var language: PageLanguage?
    public var active: Bool

    public enum Columns {
        /// The user's id.
        public static let id = Column(CodingKeys.id)
        public static let username = Column(CodingKeys.username)
        public static let active = Column(CodingKeys.active)
    }
}

/// A login: ended by logout (or by deactivating the user), expired after the session lifetime.
struct SessionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "session"
    var id: String
    var userID: String
    var createdAt: Date
    var expiresAt: Date
    var endedAt: Date?

    /// The column a logout or a deactivation writes.
    enum Columns {
        /// When the session was ended; nil while it is live.
        static let endedAt = Column(CodingKeys.endedAt)
    }
}
