import Foundation
import GRDB
import Logging
import PlannerDomain
import PlannerService
import ServiceKit

/// An in-process planner on an on-disk store in a temporary folder, for the planner
/// benchmarks: the same store, rules and queries the service runs, without HTTP or Kafka.
struct PlannerBenchStore {
    /// The temporary folder holding the store, removed when the benchmark is done with it.
    let folder: URL
    /// The planner's service context (database, outbox, clock) the stores run on.
    let context: ServiceContext
    /// The planner's store of calls and appointments, as the service uses it.
    let planner: PlannerStore
    /// The technicians' working weeks and presences.
    let availability: AvailabilityStore
    /// The company's time zone, in which working days and presences are counted.
    static let rome = TimeZone(identifier: "Europe/Rome") ?? .gmt

    /// A new, migrated planner store in a fresh temporary folder, stamping its events with `clock`.
    init(clock: ServiceClock = .system) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("arianna-bench-\(UUID().uuidString)")
        let configuration = ServiceConfiguration(
            serviceName: "planner", dataDirectory: folder, httpPort: 0, timeZone: Self.rome)
        let database = try ServiceDatabase(
            url: configuration.databaseURL, migrations: PlannerService.definition.migrations)
        context = ServiceContext(
            configuration: configuration, database: database, clock: clock, logger: Logger(label: "arianna.bench"))
        planner = PlannerStore(context: context)
        availability = AvailabilityStore(context: context)
    }

    /// Removes the temporary folder.
    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// `count` operators `op-00001`…, each with the standard working week (Mon–Fri 08:00–12:00,
    /// 13:00–17:00) and one daily presence rule (every day when `weekends`, else Mon–Fri
    /// 08:00–17:00) in a zone out of `zones`, written in one transaction.
    func seedOperators(_ count: Int, weekends: Bool, zones: [String] = ["Milano", "Como", "Monza", "Bergamo"])
        async throws
    {
        try await context.database.write { db in
            let now = Date()
            let hours = try db.makeStatement(
                sql: #"INSERT INTO workingHours (operatorID, weekday, start, "end") VALUES (?, ?, ?, ?)"#)
            let person = try db.makeStatement(
                sql: "INSERT INTO operator (id, name, email, groups, active) VALUES (?, ?, NULL, ?, 1)")
            let rule = try db.makeStatement(
                sql: """
                    INSERT INTO presenceRule (id, operatorID, zone, frequency, interval, weekdays, dayOfMonth,
                        startTime, endTime, validFrom, validTo, createdAt)
                    VALUES (?, ?, ?, 'daily', 1, ?, NULL, '08:00', '17:00', '2000-01-01', NULL, ?)
                    """)
            for index in 1...count {
                let id = Self.operatorID(index)
                try person.execute(arguments: [id, "Technician \(index)", #"["Technicians"]"#])
                for weekday in 1...5 {
                    try hours.execute(arguments: [id, weekday, "08:00", "12:00"])
                    try hours.execute(arguments: [id, weekday, "13:00", "17:00"])
                }
                try rule.execute(arguments: [
                    "rule-\(id)", id, zones[index % zones.count], weekends ? "[]" : "[1,2,3,4,5]", now
                ])
            }
        }
    }

    /// The id of the `index`-th seeded operator.
    static func operatorID(_ index: Int) -> String { String(format: "op-%05d", index) }

    /// Generates presences for [from, to] and returns the finished job and the wall time.
    func generate(from: String, to: String) async throws -> (GenerationJobRecord, Duration) {
        guard let first = LocalDate(from), let last = LocalDate(to) else {
            throw BenchFailure("bad range \(from)…\(to)")
        }
        let clock = ContinuousClock()
        let started = clock.now
        _ = try await availability.startGeneration(GeneratePresences(from: first, to: last))
        let jobs = try await availability.runPendingGenerations()
        guard let job = jobs.last else { throw BenchFailure("no generation job ran") }
        return (job, clock.now - started)
    }
}

/// A benchmark that could not set itself up.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    /// A failure explained by `description`, which is what the command prints.
    init(_ description: String) { self.description = description }
}

extension Duration {
    /// Seconds as a Double, for printing rates.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// Milliseconds as a Double, for `Percentiles`.
    var milliseconds: Double { seconds * 1000 }
}
