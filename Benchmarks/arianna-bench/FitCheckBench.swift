import ArgumentParser
import Foundation
import GRDB
import PlannerDomain
import PlannerService
import ServiceKit

/// The fit check with 1,000,000 appointments stored (on-disk store): every drop runs the
/// scheduling rules inside its write transaction, so this is what a drop costs. Times refused
/// drops (onto a stored appointment: every rule is evaluated up to the overlap) and accepted
/// ones (a free slot: check + insert + outbox row + commit).
struct FitCheckBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit-check", abstract: "Scheduling-rule check with a million appointments stored.")

    /// How many operators (technicians) the planner's store holds.
    @Option(help: "Operators.") var operators = 1000
    /// How many appointments each operator already has, which the fit check searches.
    @Option(help: "Appointments per operator.") var perOperator = 1000
    /// How many drops of each kind (fits, collides) are timed.
    @Option(help: "Timed drops of each kind.") var drops = 1000

    func run() async throws {
        let bench = try PlannerBenchStore()
        defer { bench.remove() }
        try await bench.seedOperators(operators, weekends: false)
        guard let first = LocalDate("2031-01-06") else { return }
        // 8 one-hour appointments per working day: 1,000 need 125 working days (25 weeks).
        let workingDays = (perOperator + 7) / 8
        let lastDay = first.adding(days: (workingDays / 5 + 2) * 7)
        let clock = ContinuousClock()
        var started = clock.now
        _ = try await bench.generate(from: first.description, to: lastDay.description)
        print(
            "fit check: presences generated for \(operators) operators \(first)…\(lastDay) in \(String(format: "%.1f", (clock.now - started).seconds)) s"
        )
        started = clock.now
        let stored = try await seedAppointments(bench, first: first)
        print("  \(stored) appointments stored in \(String(format: "%.1f", (clock.now - started).seconds)) s")

        var refused: [Double] = []
        var accepted: [Double] = []
        var rng = SystemRandomNumberGenerator()
        let hours = [8, 9, 10, 11, 13, 14, 15, 16]
        for _ in 0..<drops {
            // A stored appointment's slot (the last working day may be only partly booked).
            let index = Int.random(in: 1...operators, using: &rng)
            let slot = Int.random(in: 0..<perOperator, using: &rng)
            let day = Self.workingDay(slot / 8, from: first)
            let start = day.instant(at: LocalTime(hour: hours[slot % 8], minute: 30), in: PlannerBenchStore.rome)
            let request = ScheduleRequest(
                ticketID: nil, operatorID: PlannerBenchStore.operatorID(index), start: start,
                end: start.addingTimeInterval(1800), title: "Bench drop")
            let t0 = clock.now
            do {
                _ = try await bench.planner.schedule(request)
                throw BenchFailure("a drop onto a booked slot was accepted")
            } catch is PlannerError {
                refused.append((clock.now - t0).milliseconds)
            }
        }
        // Free slots: the week after the seeded appointments, all present, nothing booked.
        let freeWeek = Self.workingDay(workingDays + 5, from: first)
        for attempt in 0..<drops {
            let index = attempt % operators + 1
            let day = freeWeek.adding(days: attempt / operators % 5)
            let start = day.instant(
                at: LocalTime(hour: hours[attempt / (operators * 5) % 8]), in: PlannerBenchStore.rome)
            let t0 = clock.now
            _ = try await bench.planner.schedule(
                ScheduleRequest(
                    ticketID: nil, operatorID: PlannerBenchStore.operatorID(index), start: start,
                    end: start.addingTimeInterval(3600), title: "Bench drop"))
            accepted.append((clock.now - t0).milliseconds)
        }
        print("  refused drop (rules up to the overlap, rolled back): \(Percentiles(milliseconds: refused))")
        print("  accepted drop (rules + insert + outbox + commit):    \(Percentiles(milliseconds: accepted))")
    }

    /// The `n`-th working day (Mon–Fri) from `first` (a Monday).
    static func workingDay(_ n: Int, from first: LocalDate) -> LocalDate {
        first.adding(days: n / 5 * 7 + n % 5)
    }

    /// `perOperator` one-hour appointments per operator, 8 per working day around lunch,
    /// written 50,000 to a transaction.
    private func seedAppointments(_ bench: PlannerBenchStore, first: LocalDate) async throws -> Int {
        let hours = [8, 9, 10, 11, 13, 14, 15, 16]
        var total = 0
        let perOperator = self.perOperator
        let batch = max(1, 50_000 / perOperator)
        var index = 1
        // One instant per (day, hour), shared by every operator.
        var starts: [Date] = []
        for n in 0..<perOperator {
            let day = Self.workingDay(n / 8, from: first)
            starts.append(day.instant(at: LocalTime(hour: hours[n % 8]), in: PlannerBenchStore.rome))
        }
        let slots = starts
        while index <= operators {
            let range = index...min(operators, index + batch - 1)
            total += try await bench.context.database.write { db in
                let insert = try db.makeStatement(
                    sql: """
                        INSERT INTO appointment (id, ticketID, ticketNumber, operatorID, title, customerID, customerName,
                            customerEmail, start, "end", state, createdAt, updatedAt)
                        VALUES (?, NULL, NULL, ?, 'Seeded', NULL, NULL, NULL, ?, ?, 'scheduled', ?, ?)
                        """)
                var count = 0
                let now = Date()
                for operatorIndex in range {
                    let id = PlannerBenchStore.operatorID(operatorIndex)
                    for (n, start) in slots.enumerated() {
                        try insert.execute(arguments: [
                            "s-\(operatorIndex)-\(n)", id, start, start.addingTimeInterval(3600), now, now
                        ])
                        count += 1
                    }
                }
                return count
            }
            index = range.upperBound + 1
        }
        return total
    }
}
