import Foundation
public import Hummingbird
public import ServiceKit

/// A user as the API shows it: never the password hash, only whether one is set.
public struct UserView: Codable, Sendable, Equatable, ResponseEncodable {
    public var id: String
    public var username: String
    public var operatorID: String?
    public var operatorName: String?
    public var permissions: [Permission]
    public var practiceIDs: [String]
    public var language: PageLanguage?
    public var active: Bool
    public var hasPassword: Bool

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
