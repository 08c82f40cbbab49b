/// Latency summary of a sample, in milliseconds.
struct Percentiles: CustomStringConvertible {
    /// How many samples were summarised.
    let count: Int
    /// The median, in milliseconds.
    let p50: Double
    /// The 90th percentile, in milliseconds.
    let p90: Double
    /// The 99th percentile, in milliseconds.
    let p99: Double
    /// The slowest sample, in milliseconds.
    let max: Double

    /// The summary of `samples` (milliseconds, any order), by the nearest-rank method; NaN when empty.
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
        p99 = at(0.99)
        max = sorted.last ?? .nan
    }

    var description: String {
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        return "n=\(count) p50=\(f(p50)) ms p90=\(f(p90)) ms p99=\(f(p99)) ms max=\(f(max)) ms"
    }
}
