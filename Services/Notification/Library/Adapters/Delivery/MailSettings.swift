import Foundation
import NotificationDomain
import ServiceKit

/// How the email worker composes and paces mail, derived once at start-up from the
/// ``MailConfiguration`` and the service's data folder.
struct MailSettings: Sendable {
    /// The `From:` header.
    var from: String
    /// The `Reply-To:` header, if any.
    var replyTo: String?
    /// Where ``FileMailTransport`` writes `.eml` files.
    var outboxFolder: URL
    /// How long the worker sleeps when no email is due.
    var pollInterval: Duration = .seconds(1)
    /// Jobs taken per round, so one round stays short.
    var batchSize: Int = 20
    /// Backoff and give-up rule for transient failures.
    var retry = RetryPolicy()
    /// The company's name and signature in the emails.
    var company = CompanyIdentity()
    /// Emails sent at once (one SMTP connection each); 1 = strictly one after the other.
    var connections: Int = 1
    /// How long an unused signed report's PDF is kept.
    var reportRetention: Duration = .seconds(30 * 86_400)

    /// The `From:` header when none is configured.
    static let defaultFrom = "Arianna <noreply@arianna.local>"

    /// Settings with the default pacing and retry rule, for a worker in a test.
    init(from: String = MailSettings.defaultFrom, replyTo: String? = nil, outboxFolder: URL) {
        self.from = from
        self.replyTo = replyTo
        self.outboxFolder = outboxFolder
    }

    /// Settings for the service described by `configuration` and `mail`.
    init(configuration: ServiceConfiguration, mail: MailConfiguration) {
        self.init(
            from: mail.from, replyTo: mail.replyTo,
            outboxFolder: configuration.dataDirectory.appendingPathComponent("outbox"))
        retry = mail.retryPolicy
        company = CompanyIdentity(name: mail.companyName, signature: mail.signature)
        connections = mail.connections
        batchSize = max(batchSize, mail.connections * 8)
        reportRetention = .seconds(mail.reportRetentionDays * 86_400)
    }
}

extension MailConfiguration {
    /// The transport this configuration names.
    func makeTransport(outboxFolder: URL) -> any MailTransport {
        switch transport {
        case .smtp: SMTPMailTransport(server: server, envelopeSender: envelopeSender, connections: connections)
        case .file: FileMailTransport(folder: outboxFolder)
        }
    }
}
