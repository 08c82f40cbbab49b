import ArgumentParser
import BillingService
import ServiceKit

/// `arianna-billing`: parses the shared options and runs the service until SIGINT/SIGTERM.
@main
struct BillingCommand: AsyncParsableCommand {
    /// The executable's name and the one line `--help` starts with.
    static let configuration = CommandConfiguration(
        commandName: "arianna-billing",
        abstract: "Arianna billing/production: draft billing documents for closed paid activities.")

    /// The options every service takes (broker, data folder, port, time zone…), each also read from its environment variable.
    @OptionGroup var options: ServiceOptions

    /// Runs billing until SIGINT/SIGTERM, then shuts it down in order.
    func run() async throws {
        try await ServiceRuntime.run(BillingService.definition, options: options)
    }
}
