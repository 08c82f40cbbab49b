import ArgumentParser
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Intake → planner-queue latency: opens tickets over intake's HTTP API and reads, from the
/// planner, when each one reached its queue. Latency = planner's `queuedAt` − intake's
/// `openedAt` (both services on this machine's clock): commit in intake → outbox relay →
/// broker → planner's consumer → committed in the planner's store.
struct PipelineLatency: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pipeline")

    /// Intake's base URL, where the tickets are opened.
    @Option(help: "Intake base URL.") var intake = "http://127.0.0.1:8081"
    /// The planner's base URL, whose queue is watched for each call.
    @Option(help: "Planner base URL.") var planner = "http://127.0.0.1:8082"
    /// How many tickets are opened and followed to the planner's queue.
    @Option(help: "Tickets to open.") var count = 1000
    /// How many ticket openings are in flight at once.
    @Option(help: "Requests in flight at once.") var concurrency = 4
    /// The pause between two openings of one worker (0: as fast as intake answers).
    @Option(help: "Pause between request starts per worker, in ms (0 = as fast as possible).") var pace = 5
    /// The user who opens the tickets.
    @Option(help: "User to log in as (a new store's administrator by default).") var username = "admin"
    /// That user's password.
    @Option(help: "Password (default: ARIANNA_ADMIN_PASSWORD, else the default one).")
    var password = ProcessInfo.processInfo.environment["ARIANNA_ADMIN_PASSWORD"] ?? "arianna-admin"

    /// A session token from intake's login API; it opens the planner too (shared key).
    func logIn() async throws -> String {
        var request = URLRequest(url: URL(string: "\(intake)/api/sessions")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["username": username, "password": password])
        let (data, _) = try await URLSession.shared.data(for: request)
        guard let token = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["token"] as? String else {
            throw ValidationError("logging in as \(username) failed: \(String(decoding: data, as: UTF8.self))")
        }
        return token
    }

    func run() async throws {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpAdditionalHeaders = ["Authorization": "Bearer \(try await logIn())"]
        let session = URLSession(configuration: configuration)
        let run = UUID().uuidString.prefix(8)
        print("opening \(count) tickets through \(intake) (\(concurrency) at a time)…")
        let started = ContinuousClock.now
        let ids = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var ids: [String] = []
                    for index in stride(from: worker, to: count, by: concurrency) {
                        var request = URLRequest(url: URL(string: "\(intake)/api/tickets")!)
                        request.httpMethod = "POST"
                        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                        request.setValue("bench-\(run)-\(index)", forHTTPHeaderField: "Idempotency-Key")
                        request.httpBody = Data(
                            #"{"activityTypeCode":"REPAIR","customer":{"name":"Bench customer \#(index % 50)"},"description":"Benchmark ticket \#(index)","customFields":{"appliance":"Forno"}}"#
                                .utf8)
                        let (data, response) = try await session.data(for: request)
                        guard (response as? HTTPURLResponse)?.statusCode == 201,
                            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                            let id = object["id"] as? String
                        else {
                            throw ValidationError("intake refused a ticket: \(String(decoding: data, as: UTF8.self))")
                        }
                        ids.append(id)
                        if pace > 0 { try await Task.sleep(for: .milliseconds(pace)) }
                    }
                    return ids
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        let sending = ContinuousClock.now - started
        print("opened \(ids.count) tickets in \(sending)")

        let wanted = Set(ids)
        var latencies: [Double] = []
        var drained: Double?
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            // The queue answers a page at a time: read every page (calls of other runs included).
            var entries: [[String: Any]] = []
            var cursor: String?
            repeat {
                let query = "limit=200&counts=false" + (cursor.map { "&cursor=\($0)" } ?? "")
                let (data, _) = try await session.data(from: URL(string: "\(planner)/api/queue?\(query)")!)
                let page = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
                entries += (page["items"] as? [[String: Any]]) ?? []
                cursor = page["nextCursor"] as? String
            } while cursor != nil
            let mine = entries.filter { wanted.contains($0["ticketID"] as? String ?? "") }
            if mine.count == wanted.count {
                latencies = mine.compactMap { entry in
                    guard let opened = (entry["openedAt"] as? String).flatMap(Self.parse),
                        let queued = (entry["queuedAt"] as? String).flatMap(Self.parse)
                    else { return nil }
                    return queued.timeIntervalSince(opened) * 1000
                }
                let opened = mine.compactMap { ($0["openedAt"] as? String).flatMap(Self.parse) }
                let queued = mine.compactMap { ($0["queuedAt"] as? String).flatMap(Self.parse) }
                if let first = opened.min(), let last = queued.max() { drained = last.timeIntervalSince(first) }
                break
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        guard latencies.count == ids.count else {
            throw ValidationError("only \(latencies.count) of \(ids.count) tickets reached the planner within 120 s")
        }
        print("intake → planner queue: \(Percentiles(milliseconds: latencies))")
        // A burst's figure: how long the pipeline took to carry all of it (issue 13).
        if let drained { print("first ticket opened → last queued: \(String(format: "%.2f", drained)) s") }
        print("intake HTTP throughput: \(String(format: "%.0f", Double(ids.count) / Self.seconds(sending))) tickets/s")
    }

    /// An RFC 3339 instant as the services write it (with or without fractional seconds), nil otherwise.
    static func parse(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
            ?? (try? Date.ISO8601FormatStyle().parse(text))
    }

    /// `duration` in seconds, for the throughput figures.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
