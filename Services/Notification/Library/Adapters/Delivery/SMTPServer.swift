/// The SMTP server notification hands its messages to, and how it talks to it.
public struct SMTPServer: Sendable, Equatable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Equatable, CaseIterable {
        /// Plain SMTP (the local test server, a relay on the same host).
        case none
        /// Plain connection upgraded with STARTTLS, which must succeed (usually port 587).
        case starttls
        /// TLS from the first byte, `smtps://` (usually port 465).
        case tls
    }

    /// The server's host name or address.
    public var host: String
    /// The server's port.
    public var port: Int
    /// How the connection is protected.
    public var security: Security
    /// Login, when the server wants one; sent only with a password.
    public var username: String?
    /// The login's password; without one no login is attempted.
    public var password: String?
    /// The longest a connection attempt or a whole send may take before it counts as a transient failure.
    public var timeout: Duration
    /// A PEM file of certificate authorities to trust instead of the system's (a private relay).
    public var caFile: String? = nil

    /// Memberwise.
    public init(
        host: String, port: Int, security: Security = .none, username: String? = nil, password: String? = nil,
        timeout: Duration = .seconds(30), caFile: String? = nil
    ) {
        self.caFile = caFile
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.timeout = timeout
    }

    /// `smtp://host:port` or `smtps://host:port` (IPv6 literals bracketed), as libcurl wants it.
    var url: String {
        let scheme = security == .tls ? "smtps" : "smtp"
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(hostPart):\(port)"
    }
}
