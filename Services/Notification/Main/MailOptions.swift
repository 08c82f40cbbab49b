import ArgumentParser
import NotificationService

/// Notification's own options: how mail leaves the service. Each falls back to its environment
/// variable, then to a default suited to `make run`; a flag wins over the environment.
struct MailOptions: ParsableArguments {
    /// Where mail goes.
    @Option(
        help:
            "Where mail goes: smtp or file (.eml files in <data-dir>/notification/outbox). Env: ARIANNA_MAIL_TRANSPORT. Default: smtp."
    )
    var mailTransport: String?

    /// The SMTP server's host.
    @Option(help: "SMTP server host. Env: ARIANNA_SMTP_HOST. Default: 127.0.0.1.")
    var smtpHost: String?

    /// The SMTP server's port.
    @Option(help: "SMTP server port. Env: ARIANNA_SMTP_PORT. Default: 2525 (465 with --smtp-security tls).")
    var smtpPort: Int?

    /// How the SMTP connection is protected.
    @Option(
        help:
            "Connection security: none, starttls (required upgrade) or tls (implicit, smtps). Env: ARIANNA_SMTP_SECURITY. Default: none."
    )
    var smtpSecurity: String?

    /// The SMTP login's user.
    @Option(help: "SMTP login user (sent only with a password). Env: ARIANNA_SMTP_USER. Default: none.")
    var smtpUser: String?

    /// The SMTP login's password.
    @Option(
        help:
            "SMTP login password; prefer the environment, flags show in the process list. Env: ARIANNA_SMTP_PASSWORD. Default: none."
    )
    var smtpPassword: String?

    /// How long a connection or a send may take.
    @Option(
        help:
            "Seconds a connection or a send may take before it counts as a transient failure. Env: ARIANNA_SMTP_TIMEOUT_SECONDS. Default: 30."
    )
    var smtpTimeoutSeconds: Int?

    /// Certificate authorities for the SMTP server.
    @Option(
        help:
            "PEM file of certificate authorities to trust for the SMTP server's TLS certificate. Env: ARIANNA_SMTP_CA_FILE. Default: the system's."
    )
    var smtpCaFile: String?

    /// The sender customers see.
    @Option(
        help:
            "The From: header, an address or 'Name <address>'. Env: ARIANNA_MAIL_FROM. Default: Arianna <noreply@arianna.local>."
    )
    var mailFrom: String?

    /// Where replies go.
    @Option(help: "The Reply-To: header. Env: ARIANNA_MAIL_REPLY_TO. Default: none (replies go to From).")
    var mailReplyTo: String?

    /// Where bounces go.
    @Option(
        help:
            "The envelope sender (MAIL FROM), where bounces go. Env: ARIANNA_MAIL_ENVELOPE_SENDER. Default: the From address."
    )
    var mailEnvelopeSender: String?

    /// When a transiently failing email is given up.
    @Option(
        help: "Attempts before a transiently failing email is given up. Env: ARIANNA_MAIL_MAX_ATTEMPTS. Default: 10.")
    var mailMaxAttempts: Int?

    /// The first retry's wait.
    @Option(
        help:
            "Seconds before the first retry, doubled (with jitter) after each failure, at most an hour. Env: ARIANNA_MAIL_RETRY_SECONDS. Default: 30."
    )
    var mailRetrySeconds: Int?

    /// Emails sent at once.
    @Option(
        help:
            "SMTP connections used in parallel, each reused for the next message (1-16). Env: ARIANNA_SMTP_CONNECTIONS. Default: 4."
    )
    var smtpConnections: Int?

    /// How long a signed report's PDF waits for its email.
    @Option(
        help:
            "Days a signed report's PDF is kept for the customer's email (deleted as soon as it is sent). Env: ARIANNA_MAIL_REPORT_RETENTION_DAYS. Default: 30."
    )
    var mailReportRetentionDays: Int?

    /// The company's name in the emails.
    @Option(help: "The company's name, signing the staff emails. Env: ARIANNA_COMPANY_NAME. Default: Arianna.")
    var companyName: String?

    /// The closing lines of customer emails.
    @Option(
        help:
            "The closing line(s) of customer emails; \\n starts a new line. Env: ARIANNA_MAIL_SIGNATURE. Default: the company's name."
    )
    var mailSignature: String?

    /// The flags given, keyed like the environment, laid over `environment`.
    func configuration(environment: [String: String]) throws -> MailConfiguration {
        typealias Key = MailConfiguration.Key
        let flags: [String: String?] = [
            Key.transport: mailTransport, Key.host: smtpHost, Key.port: smtpPort.map(String.init),
            Key.security: smtpSecurity, Key.user: smtpUser, Key.password: smtpPassword,
            Key.timeout: smtpTimeoutSeconds.map(String.init), Key.from: mailFrom, Key.replyTo: mailReplyTo,
            Key.envelopeSender: mailEnvelopeSender, Key.maxAttempts: mailMaxAttempts.map(String.init),
            Key.retrySeconds: mailRetrySeconds.map(String.init),
            Key.companyName: companyName, Key.signature: mailSignature, Key.caFile: smtpCaFile,
            Key.connections: smtpConnections.map(String.init),
            Key.reportRetentionDays: mailReportRetentionDays.map(String.init)
        ]
        var values = environment
        for (key, value) in flags { if let value { values[key] = value } }
        do {
            return try MailConfiguration(values: values)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
