import ArgumentParser
import AriannaKafka
import AriannaProtocol
import Foundation
import Logging

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The board with a big backlog (issue 15): publishes `calls` `ticket.opened.v1` events on the
/// tickets topic as intake would (keyed by ticket id, CloudEvents JSON), waits until the running
/// planner has queued them all through its consumer, then measures what a back-office user meets:
/// the board page (time and bytes), a queue API page of 50 (first page, a later page, a filtered
/// page), and the planner's resident memory after the board.
struct QueueBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Board and queue API with N calls waiting, fed through the broker; planner RSS after the board.")

    /// The Kafka brokers the calls' events are published to.
    @Option(help: "Kafka bootstrap servers.") var brokers = "127.0.0.1:9092"
    /// The topic prefix the running services use, so the planner queues the published calls.
    @Option(help: "Topic prefix the services run with (ARIANNA_TOPIC_PREFIX).") var topicPrefix = ""
    /// Intake's base URL, only to log in.
    @Option(help: "Intake base URL (to log in).") var intake = "http://127.0.0.1:8081"
    /// The planner's base URL, whose board and queue API are timed.
    @Option(help: "Planner base URL.") var planner = "http://127.0.0.1:8082"
    /// The planner's process id, to read its resident memory with the queue full (0: not measured).
    @Option(help: "The planner's process id, to read its resident memory (0: not measured).") var plannerPid = 0
    /// How many calls are put in the planner's queue.
    @Option(help: "Calls to put in the queue.") var calls = 30_000
    /// How many zones the calls are spread over, for the zone filter's figures.
    @Option(help: "Zones the calls are spread over.") var zones = 20
    /// How many board page loads are timed.
    @Option(help: "Timed board page loads.") var renders = 30
    /// How many queue API pages of each kind (with counts, without, one zone, a later page) are timed.
    @Option(help: "Timed queue API pages of each kind.") var pages = 100
    /// The user whose session reads the board and the queue.
    @Option(help: "User to log in as (a new store's administrator by default).") var username = "admin"
    /// That user's password.
    @Option(help: "Password (default: ARIANNA_ADMIN_PASSWORD, else the default one).")
    var password = ProcessInfo.processInfo.environment["ARIANNA_ADMIN_PASSWORD"] ?? "arianna-admin"

    func run() async throws {
        let run = String(UUID().uuidString.prefix(8)).lowercased()
        let session = try await Self.session(intake: intake, username: username, password: password)
        let clock = ContinuousClock()
        print("queue: publishing \(calls) ticket.opened.v1 on the tickets topic…")
        let started = clock.now
        try await publish(run: run)
        let published = clock.now
        // Every call of this run carries the run's tag in its description: count them with a filter.
        let deadline = clock.now + .seconds(max(120, calls / 100))
        var queued = 0
        while clock.now < deadline {
            queued = try await total(session, query: "q=\(run)&limit=1")
            if queued >= calls { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        guard queued >= calls else {
            throw ValidationError("only \(queued) of \(calls) calls reached the planner's queue")
        }
        let caughtUp = clock.now
        print(
            "queue: \(calls) calls queued \(Self.seconds(caughtUp - started)) s after the first publish "
                + "(published in \(Self.seconds(published - started)) s; ≈ \(Int(Double(calls) / Self.seconds(caughtUp - started))) events/s end to end)"
        )

        let today = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withFullDate])
        var boardTimes: [Double] = []
        var boardBytes = 0
        for _ in 0..<renders {
            let t0 = clock.now
            let data = try await get(session, "/board?view=day&date=\(today)")
            boardTimes.append((clock.now - t0).milliseconds)
            boardBytes = data.count
        }
        print(
            "queue: GET /board with \(queued)+ calls waiting (\(boardBytes / 1024) KiB): \(Percentiles(milliseconds: boardTimes))"
        )
        if plannerPid > 0, let rss = Self.residentKiB(pid: plannerPid) {
            print("queue: planner resident memory after the board: \(rss / 1024) MiB")
        }

        let first = try await timed(session, "/api/queue?limit=50", times: pages)
        print("queue: GET /api/queue?limit=50 (with counts): \(first)")
        let bare = try await timed(session, "/api/queue?limit=50&counts=false", times: pages)
        print("queue: GET /api/queue?limit=50&counts=false: \(bare)")
        let zone = try await timed(session, "/api/queue?limit=50&zone=Zona%20\(run)%203", times: pages)
        print("queue: GET /api/queue?limit=50&zone=… (one zone of \(zones)): \(zone)")
        // A page deep in the queue: follow nextCursor ten pages, then time that page.
        var path = "/api/queue?limit=50&counts=false"
        for _ in 0..<10 {
            let page = try JSONSerialization.jsonObject(with: try await get(session, path)) as? [String: Any]
            guard let cursor = page?["nextCursor"] as? String else { break }
            path = "/api/queue?limit=50&counts=false&cursor=\(cursor)"
        }
        print("queue: GET /api/queue?limit=50&cursor=… (page 11): \(try await timed(session, path, times: pages))")
        if plannerPid > 0, let rss = Self.residentKiB(pid: plannerPid) {
            print("queue: planner resident memory at the end: \(rss / 1024) MiB")
        }
    }

    /// Publishes the calls in batches: a tenth with a due date, spread over `zones` zones and
    /// 500 customers, opened over the last 30 days.
    func publish(run: String) async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let names = TopicNames(prefix: topicPrefix)
        let producer = try KafkaProducer(
            configuration: KafkaClientConfiguration(bootstrapServers: brokers, clientID: "arianna-bench-queue"),
            logger: logger)
        let now = Date()
        let type = ActivityTypeRef(
            id: "bench-repair", code: "REPAIR", name: "Repair", expectedDurationMinutes: 60, billable: true)
        for chunk in stride(from: 0, to: calls, by: 500) {
            let batch = (chunk..<min(chunk + 500, calls)).map { index -> KafkaOutgoingMessage in
                let id = "bench-\(run)-\(index)"
                let ticket = TicketOpened(
                    ticketID: id, number: "BQ/\(run)/\(index)", activityType: type,
                    customer: CustomerRef(
                        id: "bench-customer-\(index % 500)", name: "Bench customer \(index % 500)", email: nil),
                    siteZone: "Zona \(run) \(index % zones)", description: "Backlog call \(run) \(index)",
                    channel: .api,
                    openedAt: now.addingTimeInterval(-Double(index % 43_200) * 60),
                    dueAt: index % 10 == 0 ? now.addingTimeInterval(Double(index % 20 - 10) * 86_400) : nil)
                let metadata = EventMetadata.new(
                    for: ticket, id: UUID().uuidString, source: "/arianna-bench", time: now)
                return KafkaOutgoingMessage(
                    topic: names.name(of: TicketOpened.topic), key: Array(id.utf8),
                    value: (try? EventCodec.encode(ticket, metadata: metadata)) ?? [])
            }
            let failures = await producer.sendAll(batch).filter { if case .failure = $0 { true } else { false } }
            guard failures.isEmpty else {
                throw ValidationError("the broker refused \(failures.count) events: \(failures[0])")
            }
        }
        await producer.close()
    }

    /// The planner's answer to `GET path` on `session`, or an error quoting the start of any non-200 answer.
    func get(_ session: URLSession, _ path: String) async throws -> Data {
        let (data, response) = try await session.data(from: URL(string: planner + path)!)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw ValidationError(
                "GET \(path) answered \(response): \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
        return data
    }

    /// How many calls the queue holds for the filter `query`, from the page's `counts.total`.
    func total(_ session: URLSession, query: String) async throws -> Int {
        let page =
            try JSONSerialization.jsonObject(with: try await get(session, "/api/queue?\(query)")) as? [String: Any]
        return ((page?["counts"] as? [String: Any])?["total"] as? Int) ?? 0
    }

    /// `GET path` timed `times` times, one after the other.
    func timed(_ session: URLSession, _ path: String, times: Int) async throws -> Percentiles {
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<times {
            let t0 = clock.now
            _ = try await get(session, path)
            samples.append((clock.now - t0).milliseconds)
        }
        return Percentiles(milliseconds: samples)
    }

    /// A session with a bearer token from intake's login API (it opens the planner too).
    static func session(intake: String, username: String, password: String) async throws -> URLSession {
        var request = URLRequest(url: URL(string: "\(intake)/api/sessions")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["username": username, "password": password])
        let (data, _) = try await URLSession.shared.data(for: request)
        guard let token = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["token"] as? String else {
            throw ValidationError("logging in as \(username) failed: \(String(decoding: data, as: UTF8.self))")
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpAdditionalHeaders = ["Authorization": "Bearer \(token)"]
        return URLSession(configuration: configuration)
    }

    /// VmRSS of `pid` in KiB, from /proc (Linux).
    static func residentKiB(pid: Int) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
    }

    /// `duration` in seconds, for the publish rate.
    static func seconds(_ duration: Duration) -> Double { duration.seconds }
}
