import ArgumentParser

/// `arianna-bench`: the measurements behind docs/BENCHMARKS.md. Talks only to loopback services
/// started by `scripts/bench.sh`, with bounded counts, and stops by itself. The planner
/// subcommands (`suggestions`, `fit-check`, `presence-generation`) run the planner's store
/// in-process on a temporary on-disk database instead.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arianna-bench",
        abstract: "Arianna benchmarks (run through scripts/bench.sh).",
        subcommands: [
            PipelineLatency.self, BrokerRoundTrip.self, SuggestionBench.self, FitCheckBench.self,
            PresenceGenerationBench.self, BoardBench.self, IntakeKafkaThroughput.self, WebReportBench.self,
            ReportCloseLatency.self, BillingBench.self, NotificationSMTPBench.self, BacklogCatchUp.self,
            QueueBench.self, GroupSplitBench.self,
            SeedBench.self, TicketSearchBench.self, PoisonPublish.self, DeadLetterCheck.self,
            ChaosLoad.self, ChaosTopics.self,
            RFC3339Bench.self
        ])
}
