public import Foundation
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

/// An API key as listed (no secret, no hash).
public struct APIKeyView: Codable, Sendable, Equatable, ResponseEncodable {
    public var id: String
    public var name: String
    public var permissions: [Permission]
    public var createdAt: Date
    public var revokedAt: Date?

    init(_ record: APIKeyRecord) {
        self.id = record.id
        self.name = record.name
        self.permissions = record.permissions.sorted()
        self.createdAt = record.createdAt
        self.revokedAt = record.revokedAt
    }
}

/// A new API key: the only time its secret is ever shown.
public struct CreatedAPIKey: Codable, Sendable, ResponseEncodable {
    public var key: APIKeyView
    /// Send it as `Authorization: Bearer <secret>` or `X-API-Key: <secret>`.
    public var secret: String
}
