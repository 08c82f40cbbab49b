import ArgumentParser
import ServiceKit
import WebReportService

/// `arianna-webreport`: parses the shared options and runs the service until SIGINT/SIGTERM.
@main
struct WebReportCommand: AsyncParsableCommand {
    /// The command's name and its line in `--help`.
    static let configuration = CommandConfiguration(
        commandName: "arianna-webreport",
        abstract: "Arianna web-report: operators' to-do lists and intervention reports.")

    /// Every setting, from flags, then the environment, then defaults (`--help` lists them).
    @OptionGroup var options: ServiceOptions

    /// Runs web-report with those settings until a signal stops it.
    func run() async throws {
        try await ServiceRuntime.run(WebReportService.definition, options: options)
    }
}
