import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// Logins: throttling, checking a password, the `session` rows behind the signed cookies, and
/// the checks intake adds to ServiceKit's authentication (sessions ended by logout, API keys).
struct SessionDirectory: Sendable {
    /// Intake's SQLite store: users, sessions, login attempts.
    let database: ServiceDatabase
    /// Where `session.ended.v1` is appended.
    let outbox: OutboxWriter
    /// The time logins and expiries are reckoned from.
    let clock: ServiceClock
    /// Ids of new sessions.
    let ids: IDGenerator
    /// The key that signs the session tokens, shared by the five services.
    let key: SessionKey
    /// How long a login lasts.
    let lifetime: Duration
    /// Checks passwords (bcrypt).
    let hasher: PasswordHasher
    /// When too many failures stop further attempts.
    let throttle: LoginThrottle

    /// The directory of a running service; the hasher and the throttle may be replaced by tests.
    init(context: ServiceContext, hasher: PasswordHasher = PasswordHasher(), throttle: LoginThrottle = LoginThrottle())
    {
        self.database = context.database
        self.outbox = context.outbox
        self.clock = context.clock
        self.ids = context.ids
        self.key = context.configuration.sessionKey
        self.lifetime = context.configuration.sessionLifetime
        self.hasher = hasher
        self.throttle = throttle
    }

    /// Why a login failed, in words a user understands (the page translates them).
    enum Failure: Error, Equatable {
        /// Wrong name or password; deliberately does not say which.
        case wrongCredentials
        /// Too many failures: try again in so many minutes.
        case throttled(minutes: Int)
    }

    /// Checks the password and starts a session: the signed credentials for the cookie.
    func logIn(username: String, password: String, remoteAddress: String?) async throws -> SessionCredentials {
        let name = username.trimmingCharacters(in: .whitespaces)
        let now = clock.now()
        let window = now.addingTimeInterval(-throttle.window)
        let (usernameFailures, addressFailures, candidate) = try await database.read { db in
            // Raw: the throttle's window counts (a MAX and two time-window scans of loginAttempt).
            let lastSuccess =
                try Date.fetchOne(
                    db,
                    sql: """
                        SELECT MAX(attemptedAt) FROM loginAttempt WHERE username = ? AND succeeded
                        """, arguments: [name]) ?? .distantPast
            let byName = try Date.fetchAll(
                db,
                sql: """
                    SELECT attemptedAt FROM loginAttempt WHERE username = ? AND NOT succeeded AND attemptedAt > ? AND attemptedAt > ?
                    """, arguments: [name, window, lastSuccess])
            let byAddress =
                try remoteAddress.map { address in
                    try Date.fetchAll(
                        db,
                        sql: """
                            SELECT attemptedAt FROM loginAttempt WHERE remoteAddress = ? AND NOT succeeded AND attemptedAt > ?
                            """, arguments: [address, window])
                } ?? []
            let user = try UserRecord.filter(UserRecord.Columns.username.collating(.nocase) == name).fetchOne(db)
            return (byName, byAddress, user)
        }
        if let minutes = throttle.wait(usernameFailures: usernameFailures, addressFailures: addressFailures, now: now) {
            throw Failure.throttled(minutes: minutes)
        }
        let matches = try await hasher.verify(password, hash: candidate?.passwordHash ?? PasswordHasher.decoy)
        guard let user = candidate, user.active, user.passwordHash != nil, matches else {
            try await record(username: name, remoteAddress: remoteAddress, succeeded: false, at: now)
            throw Failure.wrongCredentials
        }
        let sessionID = ids.next()
        let expiresAt = now.addingTimeInterval(TimeInterval(lifetime.components.seconds))
        let claims = try await database.write { db in
            try LoginAttempt(username: name, remoteAddress: remoteAddress, attemptedAt: now, succeeded: true).insert(db)
            try SessionRecord(id: sessionID, userID: user.id, createdAt: now, expiresAt: expiresAt, endedAt: nil)
                .insert(db)
            let operatorName = try user.operatorID.flatMap {
                try OperatorRecord.filter(key: $0).select(OperatorRecord.Columns.name, as: String.self).fetchOne(db)
            }
            return SessionClaims(
                sessionID: sessionID, userID: user.id, username: user.username,
                displayName: operatorName ?? user.username,
                operatorID: user.operatorID, permissions: Set(user.permissions), practiceIDs: user.practiceIDs,
                language: user.language, expiresAt: expiresAt)
        }
        return SessionCredentials(claims: claims, key: key)
    }

    private func record(username: String, remoteAddress: String?, succeeded: Bool, at now: Date) async throws {
        try await database.write { db in
            try LoginAttempt(username: username, remoteAddress: remoteAddress, attemptedAt: now, succeeded: succeeded)
                .insert(db)
        }
    }

    /// Ends a session (logout): from now on intake refuses its cookie.
    func end(sessionID: String) async throws {
        let now = clock.now()
        try await database.write { [outbox] db in
            try SessionEnding.end(where: "id", sessionID, at: now, outbox: outbox, in: db)
        }
    }

    /// Whether a signed session is still live here: not ended, not expired, its user active.
    func isLive(_ claims: SessionClaims) async throws -> Bool {
        let now = clock.now()
        return try await database.read { db in
            // Raw: asked on every request with a cookie, one indexed join of session and user.
            try Int.fetchOne(
                db,
                sql: """
                    SELECT 1 FROM session JOIN user ON user.id = session.userID
                    WHERE session.id = ? AND session.userID = ? AND session.endedAt IS NULL AND session.expiresAt > ? AND user.active
                    """, arguments: [claims.sessionID, claims.userID, now]) != nil
        }
    }
}

/// One row of `loginAttempt`: what throttling counts.
struct LoginAttempt: Codable, Sendable, PersistableRecord {
    /// The SQLite table of login attempts, read by the throttle.
    static let databaseTableName = "loginAttempt"
    /// The user name typed.
    var username: String
    /// Where the attempt came from.
    var remoteAddress: String?
    /// When it was made.
    var attemptedAt: Date
    /// Whether the password was right.
    var succeeded: Bool
}
