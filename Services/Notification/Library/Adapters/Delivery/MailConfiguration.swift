import Foundation
import NotificationDomain

/// How notification delivers mail, resolved once at start-up from `--mail-*`/`--smtp-*` flags,
/// then the `ARIANNA_MAIL_*`/`ARIANNA_SMTP_*` environment, then defaults that suit `make run`
/// (plain SMTP to the local test server on 127.0.0.1:2525).
public struct MailConfiguration: Sendable, Equatable {
    /// Where finished messages go.
    public enum Transport: String, Sendable, Equatable, CaseIterable {
        /// An SMTP server through libcurl (the default).
        case smtp
        /// `.eml` files in `<data dir>/notification/outbox`, for a relay or a person to pick up.
        case file
    }

    /// The chosen transport.
    public var transport: Transport
    /// The SMTP server, used when ``transport`` is `.smtp`.
    public var server: SMTPServer
    /// The `From:` header, `Name <address>` or a bare address.
    public var from: String
    /// The `Reply-To:` header; absent = replies go to ``from``.
    public var replyTo: String?
    /// The envelope sender (`MAIL FROM`), where bounces go; defaults to the address in ``from``.
    public var envelopeSender: String
    /// Attempts, including the first, before a transient failure is given up.
    public var maxAttempts: Int
    /// Wait after the first transient failure, doubled after each further one (with jitter).
    public var firstRetryDelay: Duration
    /// Signs the staff emails.
    public var companyName: String
    /// Closes the customer emails; `\n` in the value starts a new line.
    public var signature: String
    /// SMTP connections used at once, each kept open and reused for the next message, so a slow
    /// server is waited on in parallel and the server, not notification, sets the pace.
    public var connections: Int
    /// Days a signed report's PDF waits in the store for its "intervention completed" email;
    /// once that email is sent the PDF is deleted at once.
    public var reportRetentionDays: Int

    /// The environment keys, one per setting, as the README's configuration table lists them.
    public enum Key {
        /// `--mail-transport`: smtp or file.
        public static let transport = "ARIANNA_MAIL_TRANSPORT"
        /// `--smtp-host`.
        public static let host = "ARIANNA_SMTP_HOST"
        /// `--smtp-port`.
        public static let port = "ARIANNA_SMTP_PORT"
        /// `--smtp-security`: none, starttls or tls.
        public static let security = "ARIANNA_SMTP_SECURITY"
        /// `--smtp-user`.
        public static let user = "ARIANNA_SMTP_USER"
        /// `--smtp-password`.
        public static let password = "ARIANNA_SMTP_PASSWORD"
        /// `--smtp-timeout-seconds`.
        public static let timeout = "ARIANNA_SMTP_TIMEOUT_SECONDS"
        /// `--smtp-ca-file`.
        public static let caFile = "ARIANNA_SMTP_CA_FILE"
        /// `--mail-from`.
        public static let from = "ARIANNA_MAIL_FROM"
        /// `--mail-reply-to`.
        public static let replyTo = "ARIANNA_MAIL_REPLY_TO"
        /// `--mail-envelope-sender`.
        public static let envelopeSender = "ARIANNA_MAIL_ENVELOPE_SENDER"
        /// `--mail-max-attempts`.
        public static let maxAttempts = "ARIANNA_MAIL_MAX_ATTEMPTS"
        /// `--mail-retry-seconds`.
        public static let retrySeconds = "ARIANNA_MAIL_RETRY_SECONDS"
        /// `--company-name`.
        public static let companyName = "ARIANNA_COMPANY_NAME"
        /// `--mail-signature`.
        public static let signature = "ARIANNA_MAIL_SIGNATURE"
        /// `--smtp-connections`.
        public static let connections = "ARIANNA_SMTP_CONNECTIONS"
        /// `--mail-report-retention-days`.
        public static let reportRetentionDays = "ARIANNA_MAIL_REPORT_RETENTION_DAYS"
    }

    /// Resolves `values` (the environment with flags already laid over it, keyed by ``Key``);
    /// throws a message naming the key for a value that cannot be used.
    public init(values: [String: String]) throws(MailConfigurationError) {
        func value(_ key: String) -> String? {
            guard let text = values[key]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        func number(_ key: String, default fallback: Int, range: ClosedRange<Int>) throws(MailConfigurationError) -> Int
        {
            guard let text = value(key) else { return fallback }
            guard let number = Int(text), range.contains(number) else {
                throw MailConfigurationError(
                    "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'.")
            }
            return number
        }
        let transportName = value(Key.transport) ?? Transport.smtp.rawValue
        guard let transport = Transport(rawValue: transportName) else {
            throw MailConfigurationError("\(Key.transport) must be smtp or file, not '\(transportName)'.")
        }
        let securityName = value(Key.security) ?? SMTPServer.Security.none.rawValue
        guard let security = SMTPServer.Security(rawValue: securityName) else {
            throw MailConfigurationError("\(Key.security) must be none, starttls or tls, not '\(securityName)'.")
        }
        let defaultPort = security == .tls ? 465 : 2525
        let server = SMTPServer(
            host: value(Key.host) ?? "127.0.0.1",
            port: try number(Key.port, default: defaultPort, range: 1...65535),
            security: security, username: value(Key.user),
            password: values[Key.password].flatMap { $0.isEmpty ? nil : $0 },
            timeout: .seconds(try number(Key.timeout, default: 30, range: 1...600)), caFile: value(Key.caFile))
        let from = value(Key.from) ?? MailSettings.defaultFrom
        guard let fromAddress = Self.address(in: from) else {
            throw MailConfigurationError("\(Key.from) must be an address or 'Name <address>', not '\(from)'.")
        }
        let replyTo = value(Key.replyTo)
        if let replyTo, Self.address(in: replyTo) == nil {
            throw MailConfigurationError("\(Key.replyTo) must be an address or 'Name <address>', not '\(replyTo)'.")
        }
        let envelopeSender = value(Key.envelopeSender) ?? fromAddress
        guard EmailRecipient.isPlausible(envelopeSender) else {
            throw MailConfigurationError("\(Key.envelopeSender) must be a bare address, not '\(envelopeSender)'.")
        }
        self.transport = transport
        self.server = server
        self.from = from
        self.replyTo = replyTo
        self.envelopeSender = envelopeSender
        self.maxAttempts = try number(Key.maxAttempts, default: 10, range: 1...100)
        self.firstRetryDelay = .seconds(try number(Key.retrySeconds, default: 30, range: 1...86_400))
        let company = CompanyIdentity()
        self.companyName = value(Key.companyName) ?? company.name
        self.signature = value(Key.signature).map { $0.replacingOccurrences(of: "\\n", with: "\n") } ?? self.companyName
        self.connections = try number(Key.connections, default: 4, range: 1...SMTPMailTransport.maximumConnections)
        self.reportRetentionDays = try number(Key.reportRetentionDays, default: 30, range: 1...365)
    }

    /// The bare address of `Name <address>` or of a bare address, if it is a plausible one.
    static func address(in mailbox: String) -> String? {
        var candidate = mailbox.trimmingCharacters(in: .whitespaces)
        if let open = candidate.lastIndex(of: "<"), candidate.hasSuffix(">") {
            candidate = String(candidate[candidate.index(after: open)..<candidate.index(before: candidate.endIndex)])
        }
        return EmailRecipient.isPlausible(candidate) ? candidate : nil
    }

    /// The retry rule these settings describe.
    var retryPolicy: RetryPolicy {
        RetryPolicy(firstDelay: firstRetryDelay, maxAttempts: maxAttempts)
    }
}

/// A configuration value notification cannot use; the message names the key.
public struct MailConfigurationError: Error, CustomStringConvertible, Equatable {
    /// The problem, naming the key, as `--help`'s validation error shows it.
    public let description: String
    /// A problem worded by ``MailConfiguration/init(values:)``.
    init(_ description: String) { self.description = description }
}

extension MailConfiguration {
    /// Every default: plain SMTP to 127.0.0.1:2525 (the local test server `make run` starts).
    public static var localDefault: MailConfiguration {
        // The defaults are valid by construction; `try!` would only fire on a broken default above.
        try! MailConfiguration(values: [:])
    }
}
