import Foundation

/// The driven stages of one chaos run against the real services (see ``ChaosLoad``).
struct ChaosFlow: Sendable {
    /// The administrator's session, accepted by every service.
    let client: BenchHTTPClient
    /// The services' base URLs.
    let intake: String
    /// The planner's base URL, where calls are scheduled.
    let planner: String
    /// Web-report's base URL, where the intervention reports are filed and signed.
    let webreport: String
    /// The run's name: the prefix of every idempotency key and technician name.
    let run: String
    /// How long one step may keep retrying.
    let stepTimeout: Duration

    /// Creates the run's technicians through intake's setup API (once per name) and waits until
    /// the planner knows them all; their ids in creation order.
    func prepareTechnicians(count: Int) async throws -> [String] {
        let counters = ChaosCounters()
        let names = (0..<count).map { "Tecnico \(run) \($0 + 1)" }
        let known = Set(
            try await ChaosRetry.untilAnswered("listing technicians", timeout: stepTimeout) {
                try await client.all("\(intake)/api/setup/operators?q=\(run)")
            }.compactMap { $0["name"] as? String })
        for (index, name) in names.enumerated() where !known.contains(name) {
            let (status, data) = try await ChaosRetry.untilFinal(
                "creating \(name)", timeout: stepTimeout, counters: counters
            ) {
                try await client.send(
                    "POST", "\(intake)/api/setup/operators",
                    [
                        "name": name, "email": "\(run)-tech\(index)@chaos.example", "groups": ["Technicians North"]
                    ])
            }
            guard status == 201 else {
                throw BenchFailure("setup refused \(name) (\(status)): \(String(decoding: data, as: UTF8.self))")
            }
        }
        let deadline = ContinuousClock.now + stepTimeout
        while true {
            let operators = (try? await client.all("\(planner)/api/operators")) ?? []
            let ids = Dictionary(
                operators.compactMap { row in
                    (row["name"] as? String).flatMap { name in (row["id"] as? String).map { (name, $0) } }
                },
                uniquingKeysWith: { first, _ in first })
            let found = names.compactMap { ids[$0] }
            if found.count == count { return found }
            guard ContinuousClock.now < deadline else {
                throw BenchFailure("the planner knows \(found.count) of \(count) technicians")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Generates every technician's presences from their default rule over the run's days.
    func generatePresences(from first: String, to last: String) async throws {
        let counters = ChaosCounters()
        let (status, data) = try await ChaosRetry.untilFinal(
            "generating presences", timeout: stepTimeout, counters: counters
        ) {
            try await client.send("POST", "\(planner)/api/presence-rules/generate", ["from": first, "to": last])
        }
        guard status == 202, let job = BenchHTTPClient.object(data)["id"] as? String else {
            throw BenchFailure("presence generation refused (\(status)): \(String(decoding: data, as: UTF8.self))")
        }
        let deadline = ContinuousClock.now + stepTimeout
        while BenchHTTPClient.object((try? await client.get("\(planner)/api/generation-jobs/\(job)"))?.1 ?? Data())[
            "state"] as? String != "done"
        {
            guard ContinuousClock.now < deadline else {
                throw BenchFailure("presence generation \(job) did not finish")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Call `index`: opened, scheduled in its slot, reported and signed.
    func takeThrough(index: Int, operatorID: String, start: Date, end: Date, counters: ChaosCounters) async throws
        -> ChaosTicket
    {
        let email = "cliente-\(index)@\(run).chaos.example"
        let ticket = try await open(index: index, email: email, counters: counters)
        await counters.didOpen()
        let appointment = try await schedule(
            ticket: ticket, operatorID: operatorID, start: start, end: end, counters: counters)
        await counters.didSchedule()
        let report = try await fileReport(index: index, appointment: appointment, counters: counters)
        await counters.didReport()
        return ChaosTicket(index: index, ticket: ticket, appointment: appointment, report: report, email: email)
    }

    private func open(index: Int, email: String, counters: ChaosCounters) async throws -> String {
        let body: [String: Any] = [
            "activityTypeCode": "REPAIR", "customer": ["name": "Cliente chaos \(index)", "email": email],
            "description": "Caldaia in blocco — prova di resistenza \(index)",
            "customFields": ["appliance": "Caldaia murale"]
        ]
        let (status, data) = try await ChaosRetry.untilFinal(
            "opening ticket \(index)", timeout: stepTimeout, counters: counters
        ) {
            try await client.send(
                "POST", "\(intake)/api/tickets", body, headers: ["Idempotency-Key": "\(run)-\(index)"])
        }
        guard status == 201 || status == 200, let id = BenchHTTPClient.object(data)["id"] as? String else {
            throw BenchFailure("intake refused ticket \(index) (\(status)): \(String(decoding: data, as: UTF8.self))")
        }
        return id
    }

    /// 404 until the planner has queued the call; a 409 after a retry means the first attempt
    /// booked it: the appointment is then found in its slot rather than booked again.
    private func schedule(ticket: String, operatorID: String, start: Date, end: Date, counters: ChaosCounters)
        async throws -> String
    {
        let iso = ISO8601DateFormatter()
        let body: [String: Any] = [
            "ticketID": ticket, "operatorID": operatorID, "start": iso.string(from: start), "end": iso.string(from: end)
        ]
        let (status, data) = try await ChaosRetry.untilFinal(
            "scheduling \(ticket)", timeout: stepTimeout, notYet: [404], counters: counters
        ) {
            try await client.send("POST", "\(planner)/api/appointments", body)
        }
        if status == 201, let id = BenchHTTPClient.object(data)["id"] as? String { return id }
        if status == 409 {
            let query =
                "\(planner)/api/appointments?operatorID=\(operatorID)&from=\(iso.string(from: start))&to=\(iso.string(from: end))"
            let booked = try await ChaosRetry.untilAnswered(
                "finding the appointment of \(ticket)", timeout: stepTimeout, counters: counters
            ) {
                try await client.all(query)
            }
            if let id = booked.first(where: { $0["ticketID"] as? String == ticket })?["id"] as? String { return id }
        }
        throw BenchFailure(
            "the planner refused to schedule \(ticket) (\(status)): \(String(decoding: data, as: UTF8.self))")
    }

    /// 404 until web-report has the appointment; the idempotency key makes a retry answer the
    /// report the first attempt filed (200) instead of filing a second one.
    private func fileReport(index: Int, appointment: String, counters: ChaosCounters) async throws -> String {
        let iso = ISO8601DateFormatter()
        let now = Date()
        let body: [String: Any] = [
            "sessions": [
                [
                    "start": iso.string(from: now.addingTimeInterval(-5400)),
                    "end": iso.string(from: now.addingTimeInterval(-1800)),
                    "travelMinutes": 10
                ]
            ],
            "workDone": "Sostituita la scheda della caldaia (chaos \(index))", "materials": [],
            "signedBy": "Cliente chaos \(index)", "idempotencyKey": "\(run)-report-\(index)"
        ]
        let (status, data) = try await ChaosRetry.untilFinal(
            "reporting \(appointment)", timeout: stepTimeout, notYet: [404], counters: counters
        ) {
            try await client.send("POST", "\(webreport)/api/appointments/\(appointment)/report", body)
        }
        guard status == 201 || status == 200, let id = BenchHTTPClient.object(data)["id"] as? String else {
            throw BenchFailure(
                "web-report refused the report of \(appointment) (\(status)): \(String(decoding: data, as: UTF8.self))")
        }
        return id
    }
}
