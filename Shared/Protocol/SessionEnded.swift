public import Foundation

/// A web session ended before its expiry: the user logged out, was deactivated or had their
/// password changed. Published by intake, which issues sessions; every service that accepts the
/// session cookie records it and refuses that session from then on.
public struct SessionEnded: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "session.ended.v1"
    /// Published on this topic.
    public static let topic = Topic.setup

    /// The session's id, as signed in the cookie (non-empty).
    public var sessionID: String
    /// Its user.
    public var userID: String
    /// When it ended.
    public var endedAt: Date
    /// When it would have expired: after that a consumer may forget it.
    public var expiresAt: Date

    /// Key: `"session:<sessionID>"`.
    public var aggregateID: String { "session:\(sessionID)" }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(sessionID: String, userID: String, endedAt: Date, expiresAt: Date) {
        self.sessionID = sessionID
        self.userID = userID
        self.endedAt = endedAt
        self.expiresAt = expiresAt
    }
}

extension SessionEnded: PayloadValidating {
    /// Names the ended session and its user: what every service records to refuse the session's cookie.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(sessionID, "sessionID")
        check.nonEmpty(userID, "userID")
    }
}
