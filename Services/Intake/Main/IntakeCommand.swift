import ArgumentParser
import Foundation
import IntakeService
import ServiceKit

/// `arianna-intake`: parses the shared and intake's own options and runs the service until
/// SIGINT/SIGTERM.
@main
struct IntakeCommand: AsyncParsableCommand {
    /// The command's name and the line `--help` opens with.
    static let configuration = CommandConfiguration(
        commandName: "arianna-intake",
        abstract: "Arianna intake: setup data, customers, tickets and their numbering.")

    /// The options every service takes, `--back-office-group` among them.
    @OptionGroup var options: ServiceOptions
    /// Intake's own options: the email channel and the first admin's password.
    @OptionGroup var intake: IntakeOptions

    /// Runs intake with the resolved settings until SIGINT or SIGTERM.
    func run() async throws {
        let settings = intake.settings(environment: ProcessInfo.processInfo.environment)
        try await ServiceRuntime.run(IntakeService.definition(settings), options: options)
    }
}
