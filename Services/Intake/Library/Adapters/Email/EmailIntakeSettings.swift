public import Foundation

/// How the email channel (R10) is set up for this deployment, as the command line gives it
/// (`--maildir`, `--email-activity-type`, `--email-poll-ms`; see `arianna-intake --help`).
public struct EmailChannelSettings: Sendable, Equatable {
    /// The call type of tickets opened from email when nothing else is configured.
    public static let defaultActivityTypeCode = "REPAIR"

    /// The maildir the mail server delivers into; nil: `<intake data dir>/maildir`.
    public var maildir: URL?
    /// The activity type (a call type's code, upper case) of tickets opened from email.
    public var activityTypeCode: String
    /// How often `new/` is looked at.
    public var pollInterval: Duration

    /// The channel as configured; every value has the default `make run` uses.
    public init(
        maildir: URL? = nil, activityTypeCode: String = defaultActivityTypeCode,
        pollInterval: Duration = .seconds(1)
    ) {
        self.maildir = maildir
        self.activityTypeCode = activityTypeCode
        self.pollInterval = pollInterval
    }
}

/// The email channel's settings as the watcher uses them: the maildir resolved against the
/// service's data folder.
struct EmailIntakeSettings: Sendable, Equatable {
    /// The maildir whose `new/` the watcher reads.
    var maildir: URL
    /// The activity type of tickets opened from email.
    var activityTypeCode: String
    /// How often `new/` is looked at.
    var pollInterval: Duration

    /// The settings with a maildir already known (tests give a temporary folder).
    init(
        maildir: URL, activityTypeCode: String = EmailChannelSettings.defaultActivityTypeCode,
        pollInterval: Duration = .seconds(1)
    ) {
        self.maildir = maildir
        self.activityTypeCode = activityTypeCode
        self.pollInterval = pollInterval
    }

    /// The configured channel, with its maildir defaulting to `maildir` inside `dataDirectory`.
    init(_ channel: EmailChannelSettings, dataDirectory: URL) {
        self.init(
            maildir: channel.maildir ?? dataDirectory.appendingPathComponent("maildir"),
            activityTypeCode: channel.activityTypeCode, pollInterval: channel.pollInterval)
    }
}
