import Foundation
import ServiceKit

/// The email channel's configuration, from the environment (documented in README's
/// configuration table):
/// - `ARIANNA_INTAKE_MAILDIR`: the maildir the MTA delivers into (default `<intake data dir>/maildir`);
/// - `ARIANNA_INTAKE_EMAIL_ACTIVITY_TYPE`: the call type of tickets opened from email (default `REPAIR`);
/// - `ARIANNA_INTAKE_EMAIL_POLL_MS`: how often `new/` is looked at, in milliseconds (default 1000).
struct EmailIntakeSettings: Sendable, Equatable {
    var maildir: URL
    var activityTypeCode: String
    var pollInterval: Duration

    init(maildir: URL, activityTypeCode: String = "REPAIR", pollInterval: Duration = .seconds(1)) {
        self.maildir = maildir
        self.activityTypeCode = activityTypeCode
        self.pollInterval = pollInterval
    }

    init(context: ServiceContext, environment: [String: String] = ProcessInfo.processInfo.environment) {
        func env(_ key: String) -> String? {
            environment[key].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        self.init(
            maildir: env("ARIANNA_INTAKE_MAILDIR").map { URL(fileURLWithPath: $0) }
                ?? context.configuration.dataDirectory.appendingPathComponent("maildir"),
            activityTypeCode: env("ARIANNA_INTAKE_EMAIL_ACTIVITY_TYPE")?.uppercased() ?? "REPAIR",
            pollInterval: .milliseconds(max(50, env("ARIANNA_INTAKE_EMAIL_POLL_MS").flatMap(Int.init) ?? 1000)))
    }
}
