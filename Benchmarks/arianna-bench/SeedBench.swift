import ArgumentParser
import Foundation

/// `seed`: fills a running system through its own APIs, so anyone can reproduce issue 15's
/// measurements — technicians through intake's setup API, tickets through `POST /api/tickets`
/// over many connections (an idempotency key per ticket, so a rerun with the same `--run` adds
/// nothing twice), then all but `--open` of them closed (a final state) or cancelled through the
/// back-office API, which the planner follows over the broker until its queue holds every call left
/// open and none of the others. Prints progress and the rate of each phase.
struct SeedBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Fill a running system through its APIs: technicians, tickets, all but --open closed.")

    /// Intake's base URL, where the tickets and technicians are created.
    @Option(help: "Intake base URL.") var intake = "http://127.0.0.1:8081"
    /// The planner's base URL, whose queue must end with the open calls (empty: not checked).
    @Option(help: "Planner base URL (its queue is checked at the end; empty: not checked).") var planner =
        "http://127.0.0.1:8082"
    /// How many tickets are opened.
    @Option(help: "Tickets to open.") var tickets = 300_000
    /// How many of them are left open, so the planner's queue ends with that many calls.
    @Option(help: "Tickets left open (the planner's queue ends with these calls).") var open = 30_000
    /// How many technicians are created (in the group 'Technicians North').
    @Option(help: "Technicians to create (group 'Technicians North').") var technicians = 200
    /// How many HTTP requests are in flight at once.
    @Option(help: "Parallel HTTP connections.") var connections = 16
    /// The run's name, in idempotency keys and technician names, so rerunning a seed creates nothing twice.
    @Option(help: "A name for this run: tickets and technicians of the same run are not created twice.") var run =
        "seed"
    /// How long the planner's queue may take to reach the expected number of calls.
    @Option(help: "Seconds to wait for the planner's queue.") var queueTimeout = 600
    /// The administrator's password, to log in on intake.
    @Option(help: "Administrator's password (default: ARIANNA_ADMIN_PASSWORD, else the default one).")
    var password = ProcessInfo.processInfo.environment["ARIANNA_ADMIN_PASSWORD"] ?? "arianna-admin"

    func validate() throws {
        guard tickets >= 0, open >= 0, open <= tickets else {
            throw ValidationError("--open must be from 0 to --tickets.")
        }
        guard technicians >= 0, connections >= 1 else {
            throw ValidationError("--technicians ≥ 0 and --connections ≥ 1.")
        }
    }

    func run() async throws {
        let client = try await BenchHTTPClient.logIn(intake: intake, password: password, connections: connections)
        let started = ContinuousClock.now

        // Technicians, through the setup API (the planner learns them from setup.operator.v1).
        let known = Set(
            try await client.all("\(intake)/api/setup/operators?q=\(run)").compactMap { $0["name"] as? String })
        var created = 0
        for index in 0..<technicians where !known.contains(SeedData.technician(index, run: run)) {
            let (status, data) = try await client.send(
                "POST", "\(intake)/api/setup/operators",
                [
                    "name": SeedData.technician(index, run: run), "email": "\(run)-tech\(index)@seed.example",
                    "groups": ["Technicians North"]
                ])
            guard status == 201 else {
                throw BenchFailure("setup refused a technician (\(status)): \(String(decoding: data, as: UTF8.self))")
            }
            created += 1
        }
        print("seed: \(created) technicians created (\(technicians - created) already there)")

        // Tickets, over `connections` connections.
        let opening = BenchProgress(phase: "tickets opened", total: tickets)
        let ids = try await parallel(count: tickets) { index in
            let (status, data) = try await client.send(
                "POST", "\(intake)/api/tickets", SeedData.ticket(index),
                headers: ["Idempotency-Key": "\(run)-\(index)"])
            guard status == 201 || status == 200, let id = BenchHTTPClient.object(data)["id"] as? String else {
                throw BenchFailure(
                    "intake refused ticket \(index) (\(status)): \(String(decoding: data, as: UTF8.self))")
            }
            await opening.add()
            return id
        }
        await opening.finish()

        // All but the first `open`: closed with a final state, every tenth cancelled instead.
        let closing = BenchProgress(phase: "tickets closed or cancelled", total: tickets - open)
        _ = try await parallel(count: tickets - open) { offset in
            let index = open + offset
            let id = ids[index]
            let (path, body): (String, [String: Any]) =
                index % 10 == 0
                ? ("cancel", ["reason": "Seed: the customer solved it", "version": 1])
                : ("state", ["stateID": "st-closed", "version": 1])
            var (status, data) = try await client.send("POST", "\(intake)/api/tickets/\(id)/\(path)", body)
            if status == 409 {  // closed by an earlier run, or changed since: read it and decide again
                let ticket = BenchHTTPClient.object(try await client.get("\(intake)/api/tickets/\(id)").1)
                if ticket["state"] as? String != "open" {
                    status = 200
                } else {
                    var retry = body
                    retry["version"] = ticket["version"]
                    (status, data) = try await client.send("POST", "\(intake)/api/tickets/\(id)/\(path)", retry)
                }
            }
            guard status == 200 else {
                throw BenchFailure(
                    "intake refused to \(path) \(id) (\(status)): \(String(decoding: data, as: UTF8.self))")
            }
            await closing.add()
            return id
        }
        await closing.finish()

        guard !planner.isEmpty else { return }
        // The planner follows over the broker: wait until its queue holds every call left open
        // and none of those closed or cancelled.
        let openIDs = Set(ids.prefix(open))
        let closedIDs = Set(ids.dropFirst(open))
        let deadline = ContinuousClock.now + .seconds(queueTimeout)
        var missing = openIDs.count
        var lingering = closedIDs.count
        var total = 0
        repeat {
            let queued = Set(try await client.all("\(planner)/api/queue").compactMap { $0["ticketID"] as? String })
            total = queued.count
            missing = openIDs.subtracting(queued).count
            lingering = closedIDs.intersection(queued).count
            if missing == 0 && lingering == 0 { break }
            try await Task.sleep(for: .milliseconds(500))
        } while ContinuousClock.now < deadline
        guard missing == 0 && lingering == 0 else {
            throw BenchFailure(
                "after \(queueTimeout) s the planner's queue lacks \(missing) open calls and still has \(lingering) closed ones"
            )
        }
        let seconds = (ContinuousClock.now - started).seconds
        print(
            String(
                format: "seed: done in %.1f s — %d tickets, %d left open, all in the planner's queue (%d calls in all)",
                seconds, tickets, open, total))
    }

    /// Runs `work` for 0..<count on `connections` tasks; the results in index order.
    private func parallel(count: Int, _ work: @escaping @Sendable (Int) async throws -> String) async throws -> [String]
    {
        let workers = min(connections, max(count, 1))
        return try await withThrowingTaskGroup(of: [(Int, String)].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var done: [(Int, String)] = []
                    for index in stride(from: worker, to: count, by: workers) {
                        done.append((index, try await work(index)))
                    }
                    return done
                }
            }
            var results = [String](repeating: "", count: count)
            for try await done in group { for (index, value) in done { results[index] = value } }
            return results
        }
    }
}

/// Counts the requests of a phase and prints progress every tenth of it, with the rate.
actor BenchProgress {
    /// What is being counted ("tickets opened", …), the start of each progress line.
    let phase: String
    /// How many requests the phase makes.
    let total: Int
    private var done = 0
    private let started = ContinuousClock.now

    /// A counter for `phase`, which makes `total` requests.
    init(phase: String, total: Int) {
        self.phase = phase
        self.total = total
    }

    /// Counts one request done, printing progress at each tenth of the total.
    func add() {
        done += 1
        if total >= 10, done % (total / 10) == 0, done < total { report() }
    }

    /// Prints the phase's final count and rate.
    func finish() { report() }

    private func report() {
        let seconds = max((ContinuousClock.now - started).seconds, 0.001)
        print("  \(phase): \(done)/\(total), " + String(format: "%.0f/s", Double(done) / seconds))
    }
}

/// The seeded data: Italian descriptions and customers (a customer per twenty tickets), so
/// searches find realistic words.
enum SeedData {
    /// The problems a seeded ticket describes, as a call-centre operator would type them.
    static let problems = [
        "Perdita d'acqua dalla caldaia", "Caldaia in blocco, spia rossa accesa", "Forno che non scalda",
        "Lavastoviglie rumorosa durante il lavaggio", "Condizionatore guasto, non parte", "Frigorifero non raffredda",
        "Bruciatore spento dopo il temporale", "Termostato rotto, temperatura sbagliata",
        "Scarico della cucina intasato",
        "Pompa di calore in errore E4", "Macchina del caffè perde pressione",
        "Cella frigorifera con ghiaccio sulle pareti"
    ]
    /// The kinds of business a seeded customer is (the first word of its name).
    static let kinds = ["Bar", "Ristorante", "Albergo", "Panificio", "Pasticceria", "Trattoria", "Farmacia", "Studio"]
    /// The place names completing a customer's name.
    static let places = [
        "Sport", "Centrale", "Città Alta", "del Lago", "Da Gino", "Stazione", "Duomo", "Navigli", "Brera", "Porta Nuova"
    ]
    /// The appliances a seeded ticket is about.
    static let appliances = [
        "Caldaia murale", "Forno a tunnel", "Lavastoviglie", "Condizionatore", "Frigorifero", "Bruciatore"
    ]
    /// The zones the seeded customers are in, for the planner's zone filter.
    static let zones = ["Milano", "Bergamo", "Monza", "Como"]

    /// The name of technician `index` of `run`, the same on every rerun.
    static func technician(_ index: Int, run: String) -> String { "Tecnico \(run) \(index + 1)" }

    /// The JSON body opening ticket `index`: its customer (one per twenty tickets), zone, problem and appliance.
    static func ticket(_ index: Int) -> [String: Any] {
        let customer = index / 20
        let name = "\(kinds[customer % kinds.count]) \(places[(customer / kinds.count) % places.count]) \(customer)"
        return [
            "activityTypeCode": "REPAIR",
            "customer": ["name": name, "email": "cliente\(customer)@seed.example"],
            "siteZone": zones[index % zones.count],
            "description": "\(problems[index % problems.count]) — richiesta \(index)",
            "customFields": ["appliance": appliances[index % appliances.count]]
        ]
    }
}
