import Foundation
public import Hummingbird

/// The headers every response of every service carries, so a browser runs only our own script
/// files, never frames our pages, never guesses a file's type and never leaks a full URL to
/// another site (issue 14, ASVS V3.4).
///
/// Scripts come only from `'self'` (no inline `<script>`, no `on…=` handler, no `javascript:`
/// URL: pages keep their scripts in asset files and their data in `<script type="application/json">`
/// blocks, which are never run). Inline `style=` attributes stay allowed; images may be `data:`
/// or `blob:` (a signature's preview, a photo before upload). Forms may post to this service, to
/// the other four (the shared logout form posts to intake) and to any port of the host the page
/// came from (a login returns to the service that sent the user there, see intake's `SafeRedirect`).
public struct SecurityHeaders: Sendable {
    /// Origins (`scheme://host:port`) of the five services, allowed as form targets.
    public let serviceOrigins: [String]
    /// Served behind TLS whatever the request says (`ServiceConfiguration.secureCookies`): every
    /// response then carries `Strict-Transport-Security`.
    public let alwaysTLS: Bool

    /// The policy's origins from the services' base URLs (`ServiceConfiguration.serviceURLs`).
    public init(serviceURLs: some Sequence<String>, alwaysTLS: Bool = false) {
        var seen = Set<String>()
        self.serviceOrigins = serviceURLs.compactMap(Self.origin(of:)).filter { seen.insert($0).inserted }.sorted()
        self.alwaysTLS = alwaysTLS
    }

    /// `Strict-Transport-Security` (one year, with sub-domains): sent only on a response that
    /// reached the browser over TLS (directly, through a proxy that says so in
    /// `X-Forwarded-Proto`, or as configured), the only place a browser honours it.
    public static let strictTransportSecurity = "max-age=31536000; includeSubDomains"

    /// `Content-Security-Policy` for a request that arrived with `Host: requestHost`.
    public func contentSecurityPolicy(requestHost: String?) -> String {
        var formTargets = ["'self'"] + serviceOrigins
        if let host = requestHost.flatMap(Self.hostName(of:)) {
            formTargets += ["http://\(host):*", "https://\(host):*"]
        }
        return [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
            "form-action \(formTargets.joined(separator: " "))"
        ].joined(separator: "; ")
    }

    /// Every security header for a response to a request with `Host: requestHost`, which came
    /// over TLS when `overTLS`.
    public func fields(requestHost: String?, overTLS: Bool = false) -> HTTPFields {
        var fields: HTTPFields = [
            .contentSecurityPolicy: contentSecurityPolicy(requestHost: requestHost),
            .init("X-Content-Type-Options")!: "nosniff",
            .init("Referrer-Policy")!: "same-origin",
            .init("X-Frame-Options")!: "DENY"
        ]
        if overTLS || alwaysTLS {
            fields[.strictTransportSecurity] = Self.strictTransportSecurity
        }
        return fields
    }

    /// `scheme://host[:port]` of a base URL, or nil when it is not an http(s) URL.
    static func origin(of url: String) -> String? {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = parts.host?.lowercased(), !host.isEmpty,
            host.allSatisfy(Self.isHostCharacter)
        else { return nil }
        return parts.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"
    }

    /// The host name of a `Host` header (without its port), only if it is a plain name or IPv4
    /// address: anything else could not be written into a policy safely and is left out.
    static func hostName(of authority: String) -> String? {
        let host = authority.split(separator: ":", maxSplits: 1).first.map(String.init)?.lowercased() ?? ""
        guard !host.isEmpty, host.allSatisfy(isHostCharacter) else { return nil }
        return host
    }

    private static func isHostCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "-")
    }
}
