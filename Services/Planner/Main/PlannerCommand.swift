import ArgumentParser
import PlannerService
import ServiceKit

/// `arianna-planner`: reads the shared options (`--help` lists them) and runs the planner.
@main
struct PlannerCommand: AsyncParsableCommand {
    /// The executable's name and one-line description for `--help`.
    static let configuration = CommandConfiguration(
        commandName: "arianna-planner",
        abstract: "Arianna planner: the unscheduled queue, appointments and the scheduling rules.")

    /// The options every service takes: data folder, broker, port, time zone…
    @OptionGroup var options: ServiceOptions

    /// Starts the planner and runs until SIGINT or SIGTERM.
    func run() async throws {
        try await ServiceRuntime.run(PlannerService.definition, options: options)
    }
}
