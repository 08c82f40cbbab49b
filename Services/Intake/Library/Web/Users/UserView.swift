import Foundation
public import Hummingbird
public import ServiceKit

/// A user as the API shows it: never the password hash, only whether one is set.
public struct UserView: Codable, Sendable, Equatable, ResponseEncodable {
    /// The user's id.
    public var id: String
    /// The login name.
    public var username: String
    /// The operator the user is, if any.
    public var operatorID: String?
    /// That operator's name.
    public var operatorName: String?
    /// What the user may do, on every service.
    public var permissions: [Permission]
    /// The practices whose tickets the user sees; empty: all.
    public var practiceIDs: [String]
    /// The language of the user's pages; nil: the browser's.
    public var language: PageLanguage?
    /// Whether the user may log in.
    public var active: Bool
    /// Whether a password is set (the hash itself is never shown).
    public var hasPassword: Bool

    /// The user as the API shows them, with their operator's name.
    init(_ record: UserRecord, operatorName: String?) {
        self.id = record.id
        self.username = record.username
        self.operatorID = record.operatorID
        self.operatorName = operatorName
        self.permissions = record.permissions.sorted()
        self.practiceIDs = record.practiceIDs
        self.language = record.language
        self.active = record.active
        self.hasPassword = record.passwordHash != nil
    }

    /// What the layout shows for this user.
    var displayName: String { operatorName ?? username }
}
