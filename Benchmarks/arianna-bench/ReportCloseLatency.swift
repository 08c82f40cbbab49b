import ArgumentParser
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Report close → ticket closed in intake: for each of `count` calls (opened in intake, scheduled
/// in the planner, on web-report's to-do list), files the report on web-report and polls intake
/// until the ticket is closed. Latency = from sending the report to seeing the ticket closed
/// (web-report's commit → outbox relay → broker → intake's consumer → committed), one report at
/// a time, polled every 5 ms.
struct ReportCloseLatency: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-close", abstract: "Report closed on web-report → ticket closed in intake, over the broker."
    )

    /// Intake's base URL, where the tickets are opened and their closing awaited.
    @Option(help: "Intake base URL.") var intake = "http://127.0.0.1:8081"
    /// The planner's base URL, where each call is scheduled.
    @Option(help: "Planner base URL.") var planner = "http://127.0.0.1:8082"
    /// Web-report's base URL, where each intervention report is filed.
    @Option(help: "Web-report base URL.") var webreport = "http://127.0.0.1:8084"
    /// How many reports are filed and followed until intake closes their ticket (one technician's ten working days
    /// hold 70).
    @Option(help: "Reports to close (at most 70: ten working days × seven hours).") var count = 50
    /// The administrator's password, to log in on intake.
    @Option(help: "Administrator's password (default: ARIANNA_ADMIN_PASSWORD, else the default one).")
    var password = ProcessInfo.processInfo.environment["ARIANNA_ADMIN_PASSWORD"] ?? "arianna-admin"

    /// A session token from intake's login API; it opens the planner and web-report too (shared key).
    func logIn() async throws -> String {
        var request = URLRequest(url: URL(string: "\(intake)/api/sessions")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["username": "admin", "password": password])
        let (data, _) = try await URLSession.shared.data(for: request)
        guard let token = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["token"] as? String else {
            throw BenchFailure("logging in as admin failed: \(String(decoding: data, as: UTF8.self))")
        }
        return token
    }

    func run() async throws {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpAdditionalHeaders = [
            "Authorization": "Bearer \(try await logIn())", "Accept": "application/json"
        ]
        let session = URLSession(configuration: configuration)
        func send(_ method: String, _ url: String, _ body: [String: Any]) async throws -> (Int, [String: Any]) {
            var request = URLRequest(url: URL(string: url)!)
            request.httpMethod = method
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            let (data, response) = try await session.data(for: request)
            return (
                (response as? HTTPURLResponse)?.statusCode ?? 0,
                (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
            )
        }
        func get(_ url: String) async throws -> Any? {
            let (data, _) = try await session.data(from: URL(string: url)!)
            return try? JSONSerialization.jsonObject(with: data)
        }
        func eventually(_ what: String, _ probe: () async throws -> Bool) async throws {
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                if try await probe() { return }
                try await Task.sleep(for: .milliseconds(5))
            }
            throw BenchFailure("timed out waiting for \(what)")
        }

        // Presences for the two working weeks after next, then one call per slot for Mario.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Rome") ?? .gmt
        let today = calendar.startOfDay(for: Date())
        let nextMonday =
            calendar.nextDate(after: today, matching: DateComponents(weekday: 2), matchingPolicy: .nextTime) ?? today
        let first = calendar.date(byAdding: .day, value: 7, to: nextMonday) ?? nextMonday
        let days = (0..<14).compactMap { calendar.date(byAdding: .day, value: $0, to: first) }
            .filter { !calendar.isDateInWeekend($0) }
        func dayText(_ date: Date) -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        }
        // Mario's default presence rule comes with the planner's copy of his operator snapshot:
        // generating before it has arrived would give him no presences.
        try await eventually("the planner's copy of Mario") {
            (((try await get("\(planner)/api/operators?limit=200") as? [String: Any])?["items"] as? [[String: Any]])
                ?? [])
                .contains { $0["id"] as? String == "op-mario" }
        }
        let (jobStatus, job) = try await send(
            "POST", "\(planner)/api/presence-rules/generate",
            ["from": dayText(days[0]), "to": dayText(days[days.count - 1])])
        guard jobStatus == 202, let jobID = job["id"] as? String else {
            throw BenchFailure("presence generation refused (\(jobStatus))")
        }
        try await eventually("presence generation") {
            (try await get("\(planner)/api/generation-jobs/\(jobID)") as? [String: Any])?["state"] as? String == "done"
        }
        let slots = days.flatMap { day in
            [8, 9, 10, 11, 13, 14, 15].compactMap { calendar.date(byAdding: .hour, value: $0, to: day) }
        }
        let iso = ISO8601DateFormatter()
        var calls: [(ticket: String, appointment: String)] = []
        for index in 0..<min(count, slots.count) {
            let (status, ticket) = try await send(
                "POST", "\(intake)/api/tickets",
                [
                    "activityTypeCode": "REPAIR", "customer": ["name": "Bench customer \(index % 10)"],
                    "description": "Report-close benchmark \(index)", "customFields": ["appliance": "Forno"]
                ])
            guard status == 201, let ticketID = ticket["id"] as? String else {
                throw BenchFailure("intake refused a ticket (\(status))")
            }
            try await eventually("the planner's queue") {
                (try await get("\(planner)/api/queue/\(ticketID)") as? [String: Any])?["state"] as? String
                    == "unscheduled"
            }
            let (scheduled, appointment) = try await send(
                "POST", "\(planner)/api/appointments",
                [
                    "ticketID": ticketID, "operatorID": "op-mario", "start": iso.string(from: slots[index])
                ])
            guard scheduled == 201, let appointmentID = appointment["id"] as? String else {
                throw BenchFailure("the planner refused the appointment (\(scheduled)): \(appointment)")
            }
            calls.append((ticketID, appointmentID))
        }
        for call in calls {
            try await eventually("web-report's to-do list") {
                // The list is paged: follow `nextCursor` until the appointment shows up or the list ends.
                var cursor: String? = ""
                while let next = cursor {
                    let query = next.isEmpty ? "" : "&cursor=\(next)"
                    let page =
                        (try await get("\(webreport)/api/operators/op-mario/todo?limit=200\(query)") as? [String: Any])
                        ?? [:]
                    if ((page["items"] as? [[String: Any]]) ?? []).contains(where: {
                        $0["appointmentID"] as? String == call.appointment
                    }) {
                        return true
                    }
                    cursor = page["nextCursor"] as? String
                }
                return false
            }
        }

        let clock = ContinuousClock()
        var latencies: [Double] = []
        for call in calls {
            let body: [String: Any] = [
                "sessions": [
                    [
                        "start": iso.string(from: Date().addingTimeInterval(-3600)),
                        "end": iso.string(from: Date().addingTimeInterval(-1800)), "travelMinutes": 10
                    ]
                ],
                "workDone": "Benchmark intervention",
                "materials": [["articleCode": "FILTER-01", "description": "Filtro", "quantity": 1]]
            ]
            let t0 = clock.now
            let (status, _) = try await send("POST", "\(webreport)/api/appointments/\(call.appointment)/report", body)
            guard status == 201 else { throw BenchFailure("web-report refused the report (\(status))") }
            try await eventually("the ticket closed in intake") {
                (try await get("\(intake)/api/tickets/\(call.ticket)") as? [String: Any])?["state"] as? String
                    == "closed"
            }
            latencies.append((clock.now - t0).milliseconds)
        }
        print(
            "report-close: POST report on web-report → ticket closed in intake, \(calls.count) reports: \(Percentiles(milliseconds: latencies))"
        )
    }
}
