import ArgumentParser
import NotificationService
import ServiceKit

/// `arianna-notification`: parses the shared options and runs the service until SIGINT/SIGTERM.
@main
struct NotificationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arianna-notification",
        abstract: "Arianna notification: customer emails for tickets and appointments, with retries.")

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        try await ServiceRuntime.run(NotificationService.definition, options: options)
    }
}
