import Foundation
import ServiceKit

/// How the notification service sends mail, read once at start-up.
///
/// Environment keys (all optional): `ARIANNA_MAIL_FROM` — the sender, `Name <address>` or a bare
/// address; default `Arianna <noreply@arianna.local>`. The outbox folder is
/// `<data dir>/notification/outbox`.
struct MailSettings: Sendable {
    /// The `From:` header.
    var from: String
    /// Where ``FileMailTransport`` writes `.eml` files.
    var outboxFolder: URL
    /// How long the worker sleeps when no email is due.
    var pollInterval: Duration = .seconds(1)
    /// Jobs taken per round, so one round stays short.
    var batchSize: Int = 20
    /// Backoff and give-up rule for failed attempts.
    var retry = RetryPolicy()

    static let defaultFrom = "Arianna <noreply@arianna.local>"

    init(from: String = MailSettings.defaultFrom, outboxFolder: URL) {
        self.from = from
        self.outboxFolder = outboxFolder
    }

    /// Settings for the service described by `configuration`, overridden by the environment.
    init(configuration: ServiceConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let from = environment["ARIANNA_MAIL_FROM"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultFrom
        self.init(from: from, outboxFolder: configuration.dataDirectory.appendingPathComponent("outbox"))
    }
}
