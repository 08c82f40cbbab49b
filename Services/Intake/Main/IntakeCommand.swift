import ArgumentParser
import IntakeService
import ServiceKit

@main
struct IntakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arianna-intake",
        abstract: "Arianna intake: setup data, customers, tickets and their numbering.")

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        try await ServiceRuntime.run(IntakeService.definition, options: options)
    }
}
