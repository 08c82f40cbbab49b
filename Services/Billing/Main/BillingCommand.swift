import ArgumentParser
import BillingService
import ServiceKit

/// `arianna-billing`: parses the shared options and runs the service until SIGINT/SIGTERM.
@main
struct BillingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arianna-billing",
        abstract: "Arianna billing/production: draft billing documents for closed paid activities.")

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        try await ServiceRuntime.run(BillingService.definition, options: options)
    }
}
