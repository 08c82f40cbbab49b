import Foundation
import Logging
import ServiceKit
import ServiceLifecycle

/// The email intake channel (R10): watches a maildir the way any MTA delivers into it and
/// turns each message in `new/` into a ticket.
///
/// Every poll takes the files of `new/` in name order (maildir names start with the delivery
/// time), hands each to `IntakeStore.receiveEmail` — which records the message and opens the
/// ticket in one transaction — and then moves the file to `cur/<name>:2,S` (seen), or to
/// `rejected/` when the message could not become a ticket. A crash between the commit and the
/// move leaves the file in `new/`; the next poll finds its key recorded and only moves it.
/// A file that keeps failing with an unexpected error (not a rejection) is set aside in
/// `rejected/` after `maximumAttempts` polls, so nothing is retried forever.
struct MaildirWatcher: Service {
    /// Where each email opens its ticket.
    let store: IntakeStore
    /// The maildir, the call type and the polling interval.
    let settings: EmailIntakeSettings
    /// Where the emails' files are kept (beside the SQLite file).
    let attachments: AttachmentFolder
    /// Where each email's outcome is logged.
    let logger: Logger
    /// Polls a file may fail unexpectedly before it is set aside in `rejected/`.
    static let maximumAttempts = 5

    /// A watcher on explicit parts (tests give a temporary maildir).
    init(store: IntakeStore, settings: EmailIntakeSettings, attachments: AttachmentFolder, logger: Logger) {
        self.store = store
        self.settings = settings
        self.attachments = attachments
        self.logger = logger
    }

    /// The watcher the service runs, on the channel as the command line configured it.
    init(context: ServiceContext, channel: EmailChannelSettings) {
        self.init(
            store: IntakeStore(context: context),
            settings: EmailIntakeSettings(channel, dataDirectory: context.configuration.dataDirectory),
            attachments: AttachmentFolder(context: context), logger: context.logger)
    }

    /// Where the mail server delivers new messages.
    var newFolder: URL { settings.maildir.appendingPathComponent("new") }
    /// Where a processed message is moved, marked seen.
    var curFolder: URL { settings.maildir.appendingPathComponent("cur") }
    /// Where a message that could not become a ticket is moved.
    var rejectedFolder: URL { settings.maildir.appendingPathComponent("rejected") }

    /// Polls `new/` until the service shuts down.
    func run() async throws {
        do {
            try prepareFolders()
        } catch {
            // Not fatal for the service: every poll tries again, and says so in the log.
            logger.critical(
                "the maildir cannot be prepared", metadata: ["maildir": "\(settings.maildir.path)", "error": "\(error)"]
            )
        }
        logger.info(
            "watching the maildir for tickets",
            metadata: [
                "maildir": "\(settings.maildir.path)", "activityType": "\(settings.activityTypeCode)"
            ])
        var failures: [String: Int] = [:]
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await poll(failures: &failures)
            try? await Task.sleep(for: settings.pollInterval)
        }
    }

    /// Creates `new/`, `cur/`, `tmp/` and `rejected/` when missing.
    func prepareFolders() throws {
        for name in ["new", "cur", "tmp", "rejected"] {
            try FileManager.default.createDirectory(
                at: settings.maildir.appendingPathComponent(name), withIntermediateDirectories: true)
        }
    }

    /// Processes every file now in `new/`, in name order; returns each file's outcome (nil for
    /// a file left in place after an unexpected error).
    @discardableResult
    func poll(failures: inout [String: Int]) async -> [(file: String, outcome: MailOutcome?)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: newFolder.path)
                .filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            logger.error("cannot read the maildir", metadata: ["folder": "\(newFolder.path)", "error": "\(error)"])
            try? prepareFolders()
            return []
        }
        var results: [(file: String, outcome: MailOutcome?)] = []
        for name in names {
            if Task.isCancelled { break }
            results.append((name, await process(name, failures: &failures)))
        }
        return results
    }

    /// Convenience for tests and one-off runs: one poll without remembering failures.
    @discardableResult
    func pollOnce() async -> [(file: String, outcome: MailOutcome?)] {
        var failures: [String: Int] = [:]
        return await poll(failures: &failures)
    }

    private func process(_ name: String, failures: inout [String: Int]) async -> MailOutcome? {
        let file = newFolder.appendingPathComponent(name)
        do {
            let raw = try [UInt8](Data(contentsOf: file))
            let outcome = try await store.receiveEmail(
                raw, activityTypeCode: settings.activityTypeCode, attachments: attachments)
            try move(name, rejected: outcome.isRejection)
            failures[name] = nil
            log(outcome, file: name)
            return outcome
        } catch {
            let attempts = (failures[name] ?? 0) + 1
            failures[name] = attempts
            logger.error(
                "an email could not be processed",
                metadata: [
                    "file": "\(name)", "attempt": "\(attempts)", "error": "\(error)"
                ])
            if attempts >= Self.maximumAttempts {
                try? move(name, rejected: true)
                failures[name] = nil
                logger.error("an email was set aside after repeated failures", metadata: ["file": "\(name)"])
            }
            return nil
        }
    }

    /// `new/x` → `cur/x:2,S` (seen), or `rejected/x`. An existing target is replaced (the same
    /// file delivered again under the same name).
    func move(_ name: String, rejected: Bool) throws {
        let base = name.split(separator: ":", maxSplits: 1).first.map(String.init) ?? name
        let target =
            rejected
            ? rejectedFolder.appendingPathComponent(name)
            : curFolder.appendingPathComponent("\(base):2,S")
        if FileManager.default.fileExists(atPath: target.path) {
            try FileManager.default.removeItem(at: target)
        }
        try FileManager.default.moveItem(at: newFolder.appendingPathComponent(name), to: target)
    }

    private func log(_ outcome: MailOutcome, file: String) {
        switch outcome {
        case .opened(let id, let number, let newCustomer):
            logger.info(
                "email opened a ticket",
                metadata: [
                    "file": "\(file)", "ticket": "\(number)", "ticketID": "\(id)", "newCustomer": "\(newCustomer)"
                ])
        case .alreadyProcessed(let recorded, let ticketID):
            logger.notice(
                "email already processed; moved only",
                metadata: [
                    "file": "\(file)", "recorded": "\(recorded)", "ticketID": "\(ticketID ?? "-")"
                ])
        case .rejected(let reason):
            logger.warning("email rejected", metadata: ["file": "\(file)", "reason": "\(reason)"])
        }
    }
}
