import ArgumentParser
import Foundation
import IntakeService
import ServiceKit

/// `arianna-intake`: parses the shared and intake's own options and runs the service until
/// SIGINT/SIGTERM.
@main
struct IntakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arianna-intake",
        abstract: "Arianna intake: setup data, customers, tickets and their numbering.")

    @OptionGroup var options: ServiceOptions
    @OptionGroup var intake: IntakeOptions

    func run() async throws {
        let settings = intake.settings(environment: ProcessInfo.processInfo.environment)
        try await ServiceRuntime.run(IntakeService.definition(settings), options: options)
    }
}
