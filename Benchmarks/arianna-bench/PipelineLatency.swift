import ArgumentParser
import AriannaKafka
import AriannaProtocol
import Foundation
import Logging

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
    /// The broker, to split the latency at the moment intake's relay handed each event over.
    @Option(
        help:
            "Kafka bootstrap servers: with them the latency is split in two stages (intake's side, broker and planner)."
    )
    var brokers: String?
    /// librdkafka properties for that broker (its client.properties).
    @Option(help: "librdkafka key=value pairs for the broker's storage.") var properties = ""
    /// The services' topic prefix.
    @Option(help: "The services' topic prefix (ARIANNA_TOPIC_PREFIX).") var prefix = ""
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
        try await warmUp(session, run: String(run))
        print("opening \(count) tickets through \(intake) (\(concurrency) at a time)…")
        let started = ContinuousClock.now
        let ids = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var ids: [String] = []
                    for index in stride(from: worker, to: count, by: concurrency) {
                        ids.append(
                            try await openTicket(
                                session, key: "bench-\(run)-\(index)", customer: "Bench customer \(index % 50)",
                                description: "Benchmark ticket \(index)"))
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
        var followed: [[String: Any]] = []
        var drained: Double?
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let mine = try await queueEntries(session).filter { wanted.contains($0["ticketID"] as? String ?? "") }
            if mine.count == wanted.count {
                followed = mine
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
        if let brokers { try await printStages(brokers: brokers, queue: followed) }
        // A burst's figure: how long the pipeline took to carry all of it (issue 13).
        if let drained { print("first ticket opened → last queued: \(String(format: "%.2f", drained)) s") }
        print("intake HTTP throughput: \(String(format: "%.0f", Double(ids.count) / Self.seconds(sending))) tickets/s")
    }

    /// Splits each ticket's latency at the `ticket.opened.v1` record's timestamp, which
    /// librdkafka sets when intake's outbox relay hands the record over (CreateTime): intake's
    /// side (commit → relay read → produce call) and the rest (librdkafka's batching → broker →
    /// the planner's fetch and poll → the planner's commit). Reads the tickets topic from the
    /// beginning with a fresh group.
    func printStages(brokers: String, queue: [[String: Any]]) async throws {
        var opened: [String: Date] = [:]
        var queued: [String: Date] = [:]
        for entry in queue {
            guard let id = entry["ticketID"] as? String,
                let openedAt = (entry["openedAt"] as? String).flatMap(Self.parse),
                let queuedAt = (entry["queuedAt"] as? String).flatMap(Self.parse)
            else { continue }
            opened[id] = openedAt
            queued[id] = queuedAt
        }
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: KafkaClientConfiguration(
                    bootstrapServers: brokers, clientID: "arianna-bench-pipeline",
                    extra: KafkaClientConfiguration.properties(parsing: properties)),
                groupID: "arianna-bench-pipeline-\(UUID().uuidString.prefix(8))",
                topics: [prefix + TicketOpened.topic.rawValue]),
            logger: Logger(label: "arianna-bench-pipeline"))
        var handedOver: [String: Date] = [:]
        let deadline = ContinuousClock.now + .seconds(120)
        while handedOver.count < opened.count, ContinuousClock.now < deadline {
            for message in try await consumer.nextBatch(maxCount: 500, maxWait: .milliseconds(100)) {
                guard let timestamp = message.timestamp,
                    case .ticketOpened(let event) = try? EventCodec.decode(message.value).event,
                    opened[event.ticketID] != nil
                else { continue }
                handedOver[event.ticketID] = timestamp
            }
        }
        await consumer.close()
        guard handedOver.count == opened.count else {
            // The split is an explanation, not the figure: the durable broker can be slow to read back.
            print(
                "  (no split: read back \(handedOver.count) of \(opened.count) ticket.opened.v1 records within 120 s)")
            return
        }
        let intakeSide = handedOver.map { id, at in at.timeIntervalSince(opened[id]!) * 1000 }
        let plannerSide = handedOver.map { id, at in queued[id]!.timeIntervalSince(at) * 1000 }
        print("  intake's commit → relay hands ticket.opened.v1 over: \(Percentiles(milliseconds: intakeSide))")
        print("  handed over → broker → planner's commit: \(Percentiles(milliseconds: plannerSide))")
    }

    /// Opens one REPAIR ticket over intake's API (`Idempotency-Key: key`) and returns its id.
    func openTicket(_ session: URLSession, key: String, customer: String, description: String) async throws -> String {
        var request = URLRequest(url: URL(string: "\(intake)/api/tickets")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(key, forHTTPHeaderField: "Idempotency-Key")
        request.httpBody = try JSONSerialization.data(withJSONObject: [
            "activityTypeCode": "REPAIR", "customer": ["name": customer], "description": description,
            "customFields": ["appliance": "Forno"]
        ])
        let (data, response) = try await session.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 201,
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let id = object["id"] as? String
        else {
            throw ValidationError("intake refused a ticket: \(String(decoding: data, as: UTF8.self))")
        }
        return id
    }

    /// Every entry of the planner's queue (calls of other runs included), read a page at a time.
    func queueEntries(_ session: URLSession) async throws -> [[String: Any]] {
        var entries: [[String: Any]] = []
        var cursor: String?
        repeat {
            let query = "limit=200&counts=false" + (cursor.map { "&cursor=\($0)" } ?? "")
            let (data, _) = try await session.data(from: URL(string: "\(planner)/api/queue?\(query)")!)
            let page = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
            entries += (page["items"] as? [[String: Any]]) ?? []
            cursor = page["nextCursor"] as? String
        } while cursor != nil
        return entries
    }

    /// Opens one ticket and waits until it is in the planner's queue: a service answers
    /// `/health/ready` before its consumer has joined its group (about half of
    /// `session.timeout.ms` on Tansu), and tickets opened meanwhile would wait for the join, a
    /// start-up delay rather than the pipeline's latency.
    func warmUp(_ session: URLSession, run: String) async throws {
        let id = try await openTicket(
            session, key: "bench-\(run)-warm-up", customer: "Bench warm-up", description: "Warm-up ticket")
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try await queueEntries(session).contains(where: { $0["ticketID"] as? String == id }) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ValidationError("the warm-up ticket did not reach the planner's queue within 60 s")
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
