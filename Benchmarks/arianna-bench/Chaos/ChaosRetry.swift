import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Retrying across a service's restart: what counts as "not answered yet" and how long to wait.
enum ChaosRetry {
    /// The pause between two attempts.
    static let pause: Duration = .milliseconds(250)

    /// Runs `attempt` until it returns without throwing (a connection refused or reset while the
    /// service is down throws), or `timeout` has passed.
    static func untilAnswered<T>(
        _ what: String, timeout: Duration, counters: ChaosCounters? = nil, _ attempt: () async throws -> T
    ) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while true {
            do {
                return try await attempt()
            } catch {
                guard ContinuousClock.now < deadline else {
                    throw BenchFailure("\(what): still failing after \(timeout): \(error)")
                }
                await counters?.retried()
                try await Task.sleep(for: pause)
            }
        }
    }

    /// Sends with `send` until the answer is final: a connection error, any 5xx (a service
    /// starting, a full disk) and the statuses in `notYet` (e.g. 404 for a call the planner has
    /// not received yet) are retried with the same request.
    static func untilFinal(
        _ what: String, timeout: Duration, notYet: Set<Int> = [], counters: ChaosCounters,
        _ send: () async throws -> (Int, Data)
    ) async throws -> (Int, Data) {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let (status, data) = try? await send(), status < 500, !notYet.contains(status) {
                return (status, data)
            }
            guard ContinuousClock.now < deadline else {
                throw BenchFailure("\(what): no final answer after \(timeout)")
            }
            await counters.retried()
            try await Task.sleep(for: pause)
        }
    }
}

/// What the driver has done so far, for the progress file and the summary.
actor ChaosCounters {
    /// Calls opened on intake so far.
    private(set) var opened = 0
    /// Calls scheduled on the planner so far.
    private(set) var scheduled = 0
    /// Intervention reports filed and signed on web-report so far.
    private(set) var reported = 0
    /// Requests repeated after a fault (a refused connection, a 5xx, a call not yet arrived).
    private(set) var retries = 0

    /// A call was opened on intake.
    func didOpen() { opened += 1 }
    /// A call was scheduled on the planner.
    func didSchedule() { scheduled += 1 }
    /// A call's report was filed on web-report.
    func didReport() { reported += 1 }
    /// A request was sent again (connection error, 5xx, not arrived yet).
    func retried() { retries += 1 }

    /// The four counts at once.
    func snapshot() -> (opened: Int, scheduled: Int, reported: Int, retries: Int) {
        (opened, scheduled, reported, retries)
    }
}

/// Appends `unix-ms opened scheduled reported retries` to a file four times a second, so
/// `scripts/chaos.sh` can see when the flow stalls at a fault and when it moves again.
struct ChaosProgressWriter: Sendable {
    /// The progress file.
    let path: String
    /// The counts it writes.
    let counters: ChaosCounters

    /// Writes a line four times a second until cancelled.
    func run() async {
        while !Task.isCancelled {
            await tick()
            try? await Task.sleep(for: .milliseconds(250))
        }
    }

    /// Appends one line now.
    func tick() async {
        let figures = await counters.snapshot()
        let line =
            "\(Int64(Date().timeIntervalSince1970 * 1000)) \(figures.opened) \(figures.scheduled) \(figures.reported) \(figures.retries)\n"
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: path, contents: Data(line.utf8))
        }
    }
}
