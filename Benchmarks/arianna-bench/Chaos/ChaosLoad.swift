import ArgumentParser
import Foundation

/// `chaos-load`: takes `--tickets` calls end to end through the real services' HTTP APIs while
/// `scripts/chaos.sh` injects a fault: opened on intake, scheduled on the planner once it has
/// queued the call, the report filed and signed on web-report once the appointment reached it.
/// Closing the ticket (intake), the customer's emails (notification) and the billing draft
/// (billing) follow over the broker; `scripts/chaos-count.py` counts them in the stores.
///
/// It keeps going across a restart of any service: a connection error, a 5xx or a 404 for a
/// call not yet arrived is retried, always with the same idempotency key (intake's
/// `Idempotency-Key`, web-report's `idempotencyKey`) or a check of what the first attempt did
/// (the planner refuses to schedule a call twice; the driver then finds the appointment it made),
/// so a retried request never doubles anything. Its own clock-driven progress file lets the
/// script measure the time to recover.
struct ChaosLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos-load",
        abstract: "Tickets end to end through the HTTP APIs, surviving restarts (scripts/chaos.sh).")

    /// Intake's base URL, where the calls are opened (and the administrator logs in).
    @Option(help: "Intake base URL.") var intake = "http://127.0.0.1:8081"
    /// The planner's base URL, where each queued call is scheduled.
    @Option(help: "Planner base URL.") var planner = "http://127.0.0.1:8082"
    /// Web-report's base URL, where each appointment's intervention report is filed and signed.
    @Option(help: "Web-report base URL.") var webreport = "http://127.0.0.1:8084"
    /// How many calls are taken end to end through the flow.
    @Option(help: "Tickets to take through the flow.") var tickets = 1000
    /// How many technicians are created to share the appointments.
    @Option(help: "Technicians to create and share the appointments among.") var technicians = 20
    /// The length of each appointment: short, so few days of presences hold every call.
    @Option(help: "Minutes per appointment (short, so few days of presences hold every call).") var minutes = 10
    /// How many calls are in flight at once.
    @Option(help: "Tickets in flight at once.") var connections = 16
    /// The run's name, the prefix of every idempotency key, so a rerun of the same run creates nothing twice.
    @Option(help: "A name for this run: ticket and report idempotency keys start with it.") var run = "chaos"
    /// The file getting one JSON line per call (ticket, appointment, report, customer email), for
    /// `scripts/chaos-count.py`.
    @Option(help: "Where to write one JSON line per ticket (index, ticket, appointment, report, customer email).")
    var out: String
    /// The file getting a progress line every 250 ms, from which `scripts/chaos.sh` measures the time to recover.
    @Option(help: "Where to append a progress line every 250 ms: unix-ms opened scheduled reported retries.")
    var progress: String?
    /// How long one step (open, schedule, report) may keep retrying through a fault before the run fails.
    @Option(help: "Seconds one step may keep retrying before the run fails.") var stepTimeout = 900
    /// The administrator's password, to log in on intake.
    @Option(help: "Administrator's password (default: ARIANNA_ADMIN_PASSWORD, else the default one).")
    var password = ProcessInfo.processInfo.environment["ARIANNA_ADMIN_PASSWORD"] ?? "arianna-admin"

    func validate() throws {
        guard tickets > 0, technicians > 0, connections > 0 else {
            throw ValidationError("--tickets, --technicians, --connections > 0.")
        }
        guard minutes >= 5, 240 % minutes == 0 else {
            throw ValidationError("--minutes must divide 240 and be at least 5.")
        }
    }

    func run() async throws {
        let started = ContinuousClock.now
        let client = try await ChaosRetry.untilAnswered("logging in", timeout: .seconds(stepTimeout)) {
            try await BenchHTTPClient.logIn(intake: intake, password: password, connections: connections * 2)
        }
        let calendar = ChaosCalendar(minutes: minutes, technicians: technicians, tickets: tickets)
        let flow = ChaosFlow(
            client: client, intake: intake, planner: planner, webreport: webreport, run: run,
            stepTimeout: .seconds(stepTimeout))
        let operatorIDs = try await flow.prepareTechnicians(count: technicians)
        try await flow.generatePresences(from: calendar.firstDay, to: calendar.lastDay)
        print(
            "chaos-load: \(technicians) technicians with presences \(calendar.firstDay)…\(calendar.lastDay); \(tickets) tickets"
        )

        let counters = ChaosCounters()
        let writer = progress.map { ChaosProgressWriter(path: $0, counters: counters) }
        let ticking = Task { await writer?.run() }
        defer { ticking.cancel() }
        let rows = try await withThrowingTaskGroup(of: [ChaosTicket].self) { group in
            for worker in 0..<min(connections, tickets) {
                group.addTask {
                    var done: [ChaosTicket] = []
                    for index in stride(from: worker, to: tickets, by: connections) {
                        let slot = calendar.slot(of: index)
                        done.append(
                            try await flow.takeThrough(
                                index: index, operatorID: operatorIDs[slot.technician], start: slot.start,
                                end: slot.end,
                                counters: counters))
                    }
                    return done
                }
            }
            var all: [ChaosTicket] = []
            for try await done in group { all += done }
            return all.sorted { $0.index < $1.index }
        }
        await writer?.tick()
        let lines = try rows.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }.joined(
            separator: "\n")
        try (lines + "\n").write(toFile: out, atomically: true, encoding: .utf8)
        let figures = await counters.snapshot()
        print(
            String(
                format: "chaos-load: %d tickets opened, scheduled and reported in %.1f s (%d retried requests)",
                rows.count, (ContinuousClock.now - started).seconds, figures.retries))
    }
}

/// One ticket's trip through the driven stages, as written to `--out`.
struct ChaosTicket: Codable, Sendable {
    /// The call's position in the run (its idempotency keys end with it).
    var index: Int
    /// Intake's ticket id.
    var ticket: String
    /// The planner's appointment id.
    var appointment: String
    /// Web-report's report id.
    var report: String
    /// The customer's address: their three emails are found by it.
    var email: String
}
