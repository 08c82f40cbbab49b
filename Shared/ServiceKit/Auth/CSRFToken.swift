import Foundation

/// The anti-forgery token of a session: `base64url(HMAC(key, "csrf:" + sessionID))`.
///
/// Derived, not stored, so every service can check it; a form or script sends it back in the
/// `X-CSRF-Token` header or the `_csrf` form field. Unsafe requests authenticated by the cookie
/// must carry it; API-key and bearer requests cannot be forged by a browser and are exempt.
public enum CSRFToken {
    /// The form field name.
    public static let fieldName = "_csrf"
    /// The header name.
    public static let headerName = "X-CSRF-Token"

    /// The token of `sessionID`.
    public static func make(sessionID: String, key: SessionKey) -> String {
        Base64URL.encode(key.signature(of: Array("csrf:\(sessionID)".utf8)))
    }

    /// Whether `token` is the token of `sessionID`, compared in constant time.
    public static func isValid(_ token: String, sessionID: String, key: SessionKey) -> Bool {
        guard let signature = Base64URL.decode(token) else { return false }
        return key.isValid(signature: signature, of: Data("csrf:\(sessionID)".utf8))
    }
}
