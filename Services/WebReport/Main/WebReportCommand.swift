import ArgumentParser
import ServiceKit
import WebReportService

/// `arianna-webreport`: parses the shared options and runs the service until SIGINT/SIGTERM.
@main
struct WebReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arianna-webreport",
        abstract: "Arianna web-report: operators' to-do lists and intervention reports.")

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        try await ServiceRuntime.run(WebReportService.definition, options: options)
    }
}
