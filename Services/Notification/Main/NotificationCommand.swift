import ArgumentParser
import Foundation
import NotificationService
import ServiceKit

/// `arianna-notification`: parses the shared and the mail options and runs the service until SIGINT/SIGTERM.
@main
struct NotificationCommand: AsyncParsableCommand {
    /// The command's name and `--help` summary.
    static let configuration = CommandConfiguration(
        commandName: "arianna-notification",
        abstract: "Arianna notification: emails for tickets and appointments over SMTP, with retries.")

    /// The options every service shares (port, data folder, broker, time zone).
    @OptionGroup var options: ServiceOptions
    /// How mail leaves the service.
    @OptionGroup var mail: MailOptions

    /// Runs the service with the mail configuration the options and the environment give.
    func run() async throws {
        let mailConfiguration = try mail.configuration(environment: ProcessInfo.processInfo.environment)
        try await ServiceRuntime.run(NotificationService.definition(mail: mailConfiguration), options: options)
    }
}
