import ArgumentParser
import Foundation

/// `ticket-search`: on a running (seeded) intake, the latency of the ticket search a back-office
/// user runs — `GET /api/tickets?q=<word>&limit=50` for common Italian words of the seeded
/// descriptions and customers, the unfiltered first page, and a ticket's detail with its history
/// (`GET /api/tickets/{id}` then `/history`) for tickets spread over the store, and a word with a
/// customer filter (`&customer=`, the sample's most frequent customers). One request at a
/// time; p50/p95 in milliseconds. Run it after `seed` at 10,000 and at 300,000 tickets to see
/// whether the search stays flat (issue 15's goals: p95 ≤ 50 ms and ≤ 20 ms).
struct TicketSearchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket-search",
        abstract: "Ticket search p50/p95 (50 rows, a word query) and ticket detail with history p95.")

    /// Intake's base URL, whose ticket search is timed.
    @Option(help: "Intake base URL.") var intake = "http://127.0.0.1:8081"
    /// How many searches each measurement times.
    @Option(help: "Requests per measurement.") var runs = 200
    /// The words searched in turn (Italian, as in the seeded tickets; `cald` times a prefix search).
    @Option(help: "Words searched, in turn (comma-separated).")
    var words = "caldaia,perdita,forno,frigorifero,bar,ristorante,temporale,lavastoviglie,pompa,cald"
    /// The administrator's password, to log in on intake.
    @Option(help: "Administrator's password (default: ARIANNA_ADMIN_PASSWORD, else the default one).")
    var password = ProcessInfo.processInfo.environment["ARIANNA_ADMIN_PASSWORD"] ?? "arianna-admin"

    func run() async throws {
        let client = try await BenchHTTPClient.logIn(intake: intake, password: password, connections: 1)
        let queries = words.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        guard !queries.isEmpty, runs > 0 else { throw ValidationError("--words and --runs must not be empty.") }
        let clock = ContinuousClock()
        func timed(_ url: String) async throws -> (Double, Data) {
            let start = clock.now
            let (status, data) = try await client.get(url)
            guard status == 200 else {
                throw BenchFailure("GET \(url) answered \(status): \(String(decoding: data, as: UTF8.self))")
            }
            return ((clock.now - start).milliseconds, data)
        }
        func items(_ data: Data) -> [[String: Any]] { BenchHTTPClient.object(data)["items"] as? [[String: Any]] ?? [] }

        // Warm up, and pick tickets for the detail from pages spread over the list.
        var sample: [String] = []
        var customers: [String] = []
        var cursor: String?
        for _ in 0..<10 {
            let (_, data) = try await timed("\(intake)/api/tickets?limit=200" + (cursor.map { "&cursor=\($0)" } ?? ""))
            sample += items(data).compactMap { $0["id"] as? String }.enumerated().filter { $0.offset % 20 == 0 }.map(
                \.element)
            customers += items(data).compactMap { ($0["customer"] as? [String: Any])?["id"] as? String }
            cursor = BenchHTTPClient.object(data)["nextCursor"] as? String
            if cursor == nil { break }
        }
        guard !sample.isEmpty else { throw BenchFailure("intake has no tickets: run `arianna-bench seed` first") }

        var search: [Double] = []
        var rows = 0
        for index in 0..<runs {
            let word = queries[index % queries.count].addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let (milliseconds, data) = try await timed("\(intake)/api/tickets?q=\(word)&limit=50")
            search.append(milliseconds)
            rows += items(data).count
        }
        // Words with a customer filter: the most frequent customers of the sample first, so a
        // big customer (many tickets to check one by one before) is among them.
        let frequent = Dictionary(customers.map { ($0, 1) }, uniquingKeysWith: +).sorted { $0.value > $1.value }.map(
            \.key)
        var filtered: [Double] = []
        for index in 0..<(frequent.isEmpty ? 0 : runs) {
            let word = queries[index % queries.count].addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let customer =
                frequent[index % min(frequent.count, 10)].addingPercentEncoding(withAllowedCharacters: .alphanumerics)
                ?? ""
            filtered.append(try await timed("\(intake)/api/tickets?q=\(word)&customer=\(customer)&limit=50").0)
        }
        var firstPage: [Double] = []
        for _ in 0..<runs { firstPage.append(try await timed("\(intake)/api/tickets?limit=50").0) }
        var detail: [Double] = []
        for index in 0..<runs {
            let id = sample[index % sample.count]
            let start = clock.now
            _ = try await timed("\(intake)/api/tickets/\(id)")
            _ = try await timed("\(intake)/api/tickets/\(id)/history")
            detail.append((clock.now - start).milliseconds)
        }
        print("ticket-search: \(Self.summary(search)) (word query, 50 rows, \(rows / runs) rows on average)")
        print("  word query + customer filter: \(Self.summary(filtered))")
        print("  first page, no query: \(Self.summary(firstPage))")
        print("  ticket detail + history: \(Self.summary(detail))")
    }

    /// `n=… p50=… p95=… max=…` in milliseconds.
    static func summary(_ samples: [Double]) -> String {
        let sorted = samples.sorted()
        func at(_ q: Double) -> Double {
            sorted.isEmpty
                ? .nan : sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
        }
        return "n=\(sorted.count) "
            + String(format: "p50=%.1f ms p95=%.1f ms max=%.1f ms", at(0.5), at(0.95), sorted.last ?? .nan)
    }
}
