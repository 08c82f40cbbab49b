/// Latency summary of a sample, in milliseconds: the figures issue 13's goals name (p50, p95 for
/// suggestions and the fit check, p99 for the pipelines).
struct Percentiles: CustomStringConvertible {
    /// How many samples were taken.
    let count: Int
    /// The median, in milliseconds.
    let p50: Double
    /// The 90th percentile, in milliseconds.
    let p90: Double
    /// The 95th percentile, in milliseconds.
    let p95: Double
    /// The 99th percentile, in milliseconds.
    let p99: Double
    /// The slowest sample, in milliseconds.
    let max: Double

    /// Summarises latencies given in milliseconds (nearest-rank percentiles).
    init(milliseconds samples: [Double]) {
        let sorted = samples.sorted()
        func at(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            let index = Swift.min(sorted.count - 1, Swift.max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))
            return sorted[index]
        }
        count = sorted.count
        p50 = at(0.50)
        p90 = at(0.90)
        p95 = at(0.95)
        p99 = at(0.99)
        max = sorted.last ?? .nan
    }

    /// One line: `n=… p50=… ms p90=… ms p95=… ms p99=… ms max=… ms`.
    var description: String {
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        return "n=\(count) p50=\(f(p50)) ms p90=\(f(p90)) ms p95=\(f(p95)) ms p99=\(f(p99)) ms max=\(f(max)) ms"
    }
}
