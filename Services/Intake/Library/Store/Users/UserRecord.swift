import Foundation
public import GRDB
public import ServiceKit

/// A person who logs in (R1, R17): linked to an operator, with permissions, practices and a
/// language. Never deleted, only deactivated, so tickets keep pointing at who opened them.
public struct UserRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of web users.
    public static let databaseTableName = "user"
    /// The user's id, carried by their sessions.
    public var id: String
    /// The login name, unique whatever the case.
    public var username: String
    /// The operator the user is (a technician sees their own appointments).
    public var operatorID: String?
    /// bcrypt; nil until an administrator sets a password (the user cannot log in).
    public var passwordHash: String?
    /// What the user may do, on every service.
    public var permissions: [Permission]
    /// The practices whose tickets the user sees (R4); empty: all.
    public var practiceIDs: [String]
    /// The language of the user's pages; nil: the browser's.
    public var language: PageLanguage?
    /// A deactivated user cannot log in.
    public var active: Bool

    /// The columns user queries filter by.
    public enum Columns {
        /// The user's id.
        public static let id = Column(CodingKeys.id)
        /// The login name, matched whatever the case.
        public static let username = Column(CodingKeys.username)
        /// Whether the user may log in.
        public static let active = Column(CodingKeys.active)
    }
}

/// A login: ended by logout (or by deactivating the user), expired after the session lifetime.
struct SessionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of logins.
    static let databaseTableName = "session"
    /// The session's id, carried by its cookie or bearer token.
    var id: String
    /// Who logged in.
    var userID: String
    /// When they logged in.
    var createdAt: Date
    /// When the login lapses by itself.
    var expiresAt: Date
    /// When a logout or a deactivation ended it.
    var endedAt: Date?

    /// The column a logout or a deactivation writes.
    enum Columns {
        /// When the session was ended; nil while it is live.
        static let endedAt = Column(CodingKeys.endedAt)
    }
}
