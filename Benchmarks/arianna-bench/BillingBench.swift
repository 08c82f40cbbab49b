import ArgumentParser
import BillingService
import Foundation

/// Billing's figures (docs/BENCHMARKS.md): drafts per second for a burst of closed tickets,
/// confirmation latency, and an MRP run over many articles with 3-level BOMs and many open orders.
struct BillingBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing", abstract: "Billing drafts per second, confirm latency, MRP over 3-level BOMs.")

    /// How many closed tickets arrive in one burst for billing to draft.
    @Option(help: "Closed tickets drafted in one burst.") var tickets = 1000
    /// How many of those drafts are confirmed one by one, for the confirmation latency.
    @Option(help: "Drafts then confirmed one by one.") var confirmations = 200
    /// How many purchased articles the MRP run plans over (sub-assemblies and finished products come on top).
    @Option(help: "Purchased articles (sub-assemblies and finished products are added on top).") var articles = 10_000
    /// How many open production orders the MRP run has to net against stock.
    @Option(help: "Open production orders.") var orders = 5000

    func run() async throws {
        let result = try await BillingBenchmarks.run(
            tickets: tickets, confirmations: confirmations, articles: articles, orders: orders)
        print(String(format: "billing: %d closed tickets drafted at %.0f drafts/s", tickets, result.draftsPerSecond))
        print("  confirm latency: \(Percentiles(milliseconds: result.confirmMilliseconds))")
        print(
            String(
                format:
                    "  MRP over %d articles, %d open orders: plan %.2f s in memory, %.2f s through the store (%d lines)",
                articles, orders, result.mrpPlanSeconds, result.mrpRunSeconds, result.mrpLines))
    }
}
