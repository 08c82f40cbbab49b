import ArgumentParser
import Foundation
import IntakeService

/// Intake's own options (the shared ones, with `--back-office-group`, are `ServiceOptions`): the
/// email channel's maildir and call type, and the first administrator's password. Each falls
/// back to its environment variable, then to a default suited to `make run`; `--help` lists
/// them, and the library receives the result as values (`IntakeService.Settings`).
struct IntakeOptions: ParsableArguments {
    /// `--maildir`: where the mail server delivers the email channel's messages.
    @Option(
        help:
            "Intake: the maildir the mail server delivers the email channel's messages into. Env: ARIANNA_INTAKE_MAILDIR. Default: <data-dir>/intake/maildir."
    )
    var maildir: String?

    /// `--email-activity-type`: the call type of tickets opened from email.
    @Option(
        help:
            "Intake: the activity type (a call type's code) of tickets opened from email. Env: ARIANNA_INTAKE_EMAIL_ACTIVITY_TYPE. Default: REPAIR."
    )
    var emailActivityType: String?

    /// `--email-poll-ms`: how often the maildir is looked at.
    @Option(
        help:
            "Intake: how often the maildir's new/ folder is looked at, in milliseconds (50 or more). Env: ARIANNA_INTAKE_EMAIL_POLL_MS. Default: 1000."
    )
    var emailPollMs: Int?

    /// `--admin-password`: the first admin's password.
    @Option(
        help:
            "Intake: the password of the admin user created in an empty store (at least 10 characters); prefer the environment, flags show in the process list. Env: ARIANNA_ADMIN_PASSWORD. Default: the demo password in README."
    )
    var adminPassword: String?

    /// Resolves flags, then environment, then defaults, into the values the library runs with.
    func settings(environment: [String: String]) -> IntakeService.Settings {
        func env(_ key: String) -> String? {
            environment[key].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        let activityType = emailActivityType ?? env("ARIANNA_INTAKE_EMAIL_ACTIVITY_TYPE")
        let pollMilliseconds = emailPollMs ?? env("ARIANNA_INTAKE_EMAIL_POLL_MS").flatMap(Int.init)
        return IntakeService.Settings(
            email: EmailChannelSettings(
                maildir: (maildir ?? env("ARIANNA_INTAKE_MAILDIR")).map { URL(fileURLWithPath: $0) },
                activityTypeCode: activityType?.uppercased() ?? EmailChannelSettings.defaultActivityTypeCode,
                pollInterval: .milliseconds(max(50, pollMilliseconds ?? 1000))),
            adminPassword: adminPassword ?? environment["ARIANNA_ADMIN_PASSWORD"])
    }
}
