import ArgumentParser
import Foundation
import GRDB
import PlannerDomain
import PlannerService
import ServiceKit

/// Best-slot suggestions (issue 4 §5) over 1,000 technicians × 14 days: presences generated,
/// about a third of each working day already booked, one call to place. Times the whole
/// request path below HTTP: one read snapshot, one query per table, ranking in memory.
struct SuggestionBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggestions", abstract: "Best-slot suggestions over many technicians.")

    /// How many technicians the slot suggestions choose among.
    @Option(help: "Technicians.") var operators = 1000
    /// How many days ahead the suggestions look.
    @Option(help: "Horizon in days.") var days = 14
    /// How many suggestion runs are timed.
    @Option(help: "Timed runs.") var runs = 50

    func run() async throws {
        // "Now" is Monday 2031-03-03 07:00 in Rome.
        let now = Date(timeIntervalSince1970: 1_930_284_000)
        let bench = try PlannerBenchStore(clock: .fixed(now))
        defer { bench.remove() }
        try await bench.seedOperators(operators, weekends: false)
        _ = try await bench.generate(from: "2031-03-01", to: "2031-03-31")
        let booked = try await seedBookings(bench, from: now)
        try await bench.context.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO queueEntry (ticketID, number, activityTypeID, activityTypeName, expectedDurationMinutes,
                        customerID, customerName, customerEmail, siteZone, description, openedAt, queuedAt, state)
                    VALUES ('bench-call', 'TCK/2031/000001', 'at-repair', 'Repair', 90, 'c1', 'Bench customer', NULL,
                        'Como', 'Benchmark call', ?, ?, 'unscheduled')
                    """, arguments: [now, now])
        }
        print(
            "suggestions: \(operators) technicians × \(days) days, \(booked) appointments booked, 90-minute call in Como"
        )
        var samples: [Double] = []
        var last: SuggestionList?
        let clock = ContinuousClock()
        for _ in 0..<runs {
            let started = clock.now
            last = try await bench.planner.suggestions(ticketID: "bench-call", from: now, days: days, limit: 5)
            samples.append((clock.now - started).milliseconds)
        }
        print("  \(Percentiles(milliseconds: samples))")
        for suggestion in last?.suggestions ?? [] {
            print(
                "  → \(suggestion.operatorName) \(APIJSON.format(suggestion.start)): \(suggestion.reasons.joined(separator: "; "))"
            )
        }
    }

    /// Morning appointments 08:00–10:40 local on every working day of the horizon, with a
    /// varying start so operators differ in workload and earliest free time.
    private func seedBookings(_ bench: PlannerBenchStore, from now: Date) async throws -> Int {
        let operators = self.operators
        let days = self.days
        return try await bench.context.database.write { db in
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO appointment (id, ticketID, ticketNumber, operatorID, title, customerID, customerName,
                        customerEmail, start, "end", state, createdAt, updatedAt)
                    VALUES (?, NULL, NULL, ?, 'Booked', NULL, NULL, NULL, ?, ?, 'scheduled', ?, ?)
                    """)
            var count = 0
            guard let first = LocalDate("2031-03-03") else { return 0 }
            for index in 1...operators {
                for offset in 0..<days {
                    let day = first.adding(days: offset)
                    guard day.isoWeekday <= 5 else { continue }
                    let start = day.instant(
                        at: LocalTime(hour: 8, minute: (index % 4) * 15), in: PlannerBenchStore.rome)
                    let minutes = 60 + (index * 7 + offset) % 100
                    count += 1
                    try insert.execute(arguments: [
                        "a-\(index)-\(offset)", PlannerBenchStore.operatorID(index), start,
                        start.addingTimeInterval(Double(minutes * 60)), now, now
                    ])
                }
            }
            return count
        }
    }
}
