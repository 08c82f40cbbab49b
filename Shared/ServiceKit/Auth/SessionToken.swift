public import Foundation

/// The session cookie's value: `base64url(JSON claims) "." base64url(HMAC-SHA256)`.
///
/// Stateless, so every service can check it with the shared `SessionKey` alone; intake also
/// checks that the session was not ended by a logout (see `AuthenticationHooks`).
///
/// Not a jwt-kit HS256 JWT, by decision (issue 8; docs/ARCHITECTURE.md, "Session tokens and
/// jwt-kit"): jwt-kit 5 signs only through an actor, so signing would turn `async` for every
/// caller, and the change of format would log every user out once.
public enum SessionToken {
    /// The cookie that carries the token on every service (cookies ignore the port).
    public static let cookieName = "arianna_session"

    /// Why a token was refused. Never shown to a client in detail; logged at debug level.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        /// Not two base64url parts, or claims that do not decode: a cookie of another format, or
        /// tampered with.
        case malformed
        /// Signed with another key (another installation, or a key that was replaced).
        case badSignature
        /// Past `expiresAt`: the user logs in again.
        case expired

        /// The reason, for a debug log line.
        public var description: String {
            switch self {
            case .malformed: "the session token is not well formed"
            case .badSignature: "the session token's signature does not match"
            case .expired: "the session has expired"
            }
        }
    }

    /// Claims as signed: sorted keys (one byte string per claims), dates in whole seconds.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    /// Reads the claims `encoder` wrote.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }

    /// The signed token for `claims`.
    public static func sign(_ claims: SessionClaims, key: SessionKey) -> String {
        // Encoding a struct of strings, sets and a date cannot fail.
        let payload = (try? encoder.encode(claims)) ?? Data()
        return Base64URL.encode(payload) + "." + Base64URL.encode(key.signature(of: payload))
    }

    /// The claims of a token signed with `key` that has not expired at `now`.
    public static func verify(_ token: String, key: SessionKey, now: Date) throws(Refusal) -> SessionClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64URL.decode(parts[0]), let signature = Base64URL.decode(parts[1])
        else { throw .malformed }
        guard key.isValid(signature: signature, of: payload) else { throw .badSignature }
        guard let claims = try? decoder.decode(SessionClaims.self, from: payload) else { throw .malformed }
        guard claims.expiresAt > now else { throw .expired }
        return claims
    }
}
