import ArgumentParser
import PlannerService
import ServiceKit

@main
struct PlannerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arianna-planner",
        abstract: "Arianna planner: the unscheduled queue, appointments and the scheduling rules.")

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        try await ServiceRuntime.run(PlannerService.definition, options: options)
    }
}
