public import AriannaWording
public import Foundation

/// What a signed session cookie says about its user. Intake mints it at login; every service
/// reads it without asking intake, so it carries everything a page or a permission check needs.
public struct SessionClaims: Codable, Sendable, Equatable {
    /// The `session` row in intake's store (logout ends it there).
    public var sessionID: String
    /// The user's id in intake's store (also named by `session.ended.v1`).
    public var userID: String
    /// The login name, as the user types it on the login page.
    public var username: String
    /// What the layout shows: the linked operator's name, else the user name.
    public var displayName: String
    /// The operator record the user is linked to (R1), if any.
    public var operatorID: String?
    /// What the user may do (R17); `RequirePermission` reads it on every route.
    public var permissions: Set<Permission>
    /// Practices whose activity types the user works with (R4).
    public var practiceIDs: [String]
    /// The user's own language setting; wins over the `lang` cookie and `Accept-Language`.
    public var language: PageLanguage?
    /// After this instant the token is refused.
    public var expiresAt: Date

    /// Memberwise; intake fills it from the user's row at login.
    public init(
        sessionID: String, userID: String, username: String, displayName: String, operatorID: String? = nil,
        permissions: Set<Permission>, practiceIDs: [String] = [], language: PageLanguage? = nil, expiresAt: Date
    ) {
        self.sessionID = sessionID
        self.userID = userID
        self.username = username
        self.displayName = displayName
        self.operatorID = operatorID
        self.permissions = permissions
        self.practiceIDs = practiceIDs
        self.language = language
        self.expiresAt = expiresAt
    }
}
