import ArgumentParser
import Foundation
import NotificationService
import ServiceKit

/// `arianna-notification`: parses the shared and the mail options and runs the service until SIGINT/SIGTERM.
@main
struct NotificationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arianna-notification",
        abstract: "Arianna notification: emails for tickets and appointments over SMTP, with retries.")

    @OptionGroup var options: ServiceOptions
    @OptionGroup var mail: MailOptions

    func run() async throws {
        let mailConfiguration = try mail.configuration(environment: ProcessInfo.processInfo.environment)
        try await ServiceRuntime.run(NotificationService.definition(mail: mailConfiguration), options: options)
    }
}
