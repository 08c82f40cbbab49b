import Foundation
import Testing

/// Issue 14 §4: `make backup` while the five services run and take calls, `make restore` into an
/// empty folder, and the system started from it answers with the same tickets, appointments and
/// billing documents (compared through the APIs, byte for byte).
@Suite("EndToEnd backup and restore", .serialized)
struct BackupRestoreEndToEndTests {
    /// The repository root (the scripts live there), from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func aBackupTakenWhileRunning_restoresIntoAnEmptyFolder_withTheSameTicketsAppointmentsAndDocuments()
        async throws
    {
        let original = try ServiceCluster()
        defer { original.stop() }
        try await original.start(ServiceCluster.Name.allCases, extraEnvironment: ["ARIANNA_MAIL_TRANSPORT": "file"])

        // Given a ticket scheduled, reported and billed, and a second one waiting in the queue
        let ticketID = try await Self.openTicket(original, customer: "Panificio Moretti")
        let waitingID = try await Self.openTicket(original, customer: "Hotel Lago Blu")
        _ = try await eventually("Mario in the planner") { () -> Bool? in
            let (data, _) = try await HTTP.get(original.url(.planner, "/api/operators"))
            return String(decoding: data, as: UTF8.self).contains("op-mario") ? true : nil
        }
        let (jobData, _) = try await HTTP.send(
            "POST", original.url(.planner, "/api/presence-rules/generate"),
            json: [
                "from": "2030-03-01", "to": "2030-03-31"
            ])
        let jobID = try #require(try HTTP.object(jobData)["id"] as? String)
        _ = try await eventually("presences generated") { () -> Bool? in
            let (data, _) = try await HTTP.get(original.url(.planner, "/api/generation-jobs/\(jobID)"))
            return try HTTP.object(data)["state"] as? String == "done" ? true : nil
        }
        let (scheduled, scheduledStatus) = try await HTTP.send(
            "POST", original.url(.planner, "/api/appointments"),
            json: [
                "ticketID": ticketID, "operatorID": "op-mario", "start": "2030-03-04T09:00:00.000Z"
            ])
        #expect(scheduledStatus == 201, "\(String(decoding: scheduled, as: UTF8.self))")
        let appointmentID = try #require(try HTTP.object(scheduled)["id"] as? String)
        _ = try await eventually("the appointment in Mario's to-do list") { () -> Bool? in
            let (data, _) = try await HTTP.get(original.url(.webreport, "/api/operators/op-mario/todo"))
            return String(decoding: data, as: UTF8.self).contains(appointmentID) ? true : nil
        }
        let iso = ISO8601DateFormatter()
        let worked = [
            [
                "start": iso.string(from: Date().addingTimeInterval(-120 * 60)),
                "end": iso.string(from: Date().addingTimeInterval(-30 * 60)), "travelMinutes": 15
            ]
        ]
        let (report, reportStatus) = try await HTTP.send(
            "POST", original.url(.webreport, "/api/appointments/\(appointmentID)/report"),
            json: [
                "workDone": "Replaced the thermostat", "sessions": worked,
                "materials": [["articleCode": "FILTER-01", "description": "Filter", "quantity": 2]]
            ])
        #expect(reportStatus == 201, "\(String(decoding: report, as: UTF8.self))")
        _ = try await eventually("the billing document") { () -> Bool? in
            let (data, _) = try await HTTP.get(original.url(.billing, "/api/billing-documents?ticketID=\(ticketID)"))
            return String(decoding: data, as: UTF8.self).contains("draft") ? true : nil
        }
        _ = try await eventually("the ticket closed in intake") { () -> Bool? in
            let (data, _) = try await HTTP.get(original.url(.intake, "/api/tickets/\(ticketID)"))
            return try HTTP.object(data)["state"] as? String == "closed" ? true : nil
        }
        try await Task.sleep(for: .seconds(1))  // let the last events settle: the quiet state to compare
        let before = try await Self.snapshot(original, ticketIDs: [ticketID, waitingID], appointmentID: appointmentID)
        // (what is compared is really there)
        let text = { (key: String) in
            before.first { $0.key.hasPrefix(key) }.map { String(decoding: $0.value, as: UTF8.self) } ?? ""
        }
        #expect(text("planner /api/appointments?operatorID=op-mario (200)").contains(appointmentID))
        #expect(text("billing /api/billing-documents?ticketID=\(ticketID) (200)").contains("draft"))
        #expect(text("intake /api/tickets/\(waitingID) (200)").contains("\"state\":\"open\""))
        #expect(text("planner /api/queue/\(waitingID) (200)").contains(waitingID))

        // When the backup runs while calls keep arriving
        let backup = FileManager.default.temporaryDirectory.appendingPathComponent(
            "arianna-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: backup) }
        let traffic = Task { () -> [String] in
            var opened: [String] = []
            for index in 0..<8 { opened.append(try await Self.openTicket(original, customer: "Caller \(index)")) }
            return opened
        }
        try Self.script("backup.sh", [backup.path], data: original.dataDirectory, binaries: original.binDirectory)
        let openedDuring = try await traffic.value
        let (allAfter, _) = try await HTTP.get(original.url(.intake, "/api/tickets"))
        original.stop()

        // Then restored into an empty folder, the system starts and answers the same
        let restored = try ServiceCluster()
        defer { restored.stop() }
        try Self.script("restore.sh", [backup.path], data: restored.dataDirectory, binaries: restored.binDirectory)
        // The restored system signs with the restored key, so the shared client's cookie from the
        // first login would be valid again (and demand a CSRF token at the next login): drop it.
        if let jar = HTTP.session.configuration.httpCookieStorage {
            for cookie in jar.cookies ?? [] { jar.deleteCookie(cookie) }
        }
        try await restored.start(ServiceCluster.Name.allCases, extraEnvironment: ["ARIANNA_MAIL_TRANSPORT": "file"])
        let after = try await Self.snapshot(restored, ticketIDs: [ticketID, waitingID], appointmentID: appointmentID)
        for (what, data) in before {
            #expect(
                after[what] == data,
                "\(what) differs:\nbefore \(String(decoding: data, as: UTF8.self))\nafter  \(String(decoding: after[what] ?? Data(), as: UTF8.self))"
            )
        }
        // and of the calls opened during the backup, the copy has a prefix: those committed before it.
        let (restoredList, _) = try await HTTP.get(restored.url(.intake, "/api/tickets"))
        let restoredText = String(decoding: restoredList, as: UTF8.self)
        let kept = openedDuring.map { restoredText.contains($0) }
        #expect(
            kept == kept.sorted { $0 && !$1 },
            "the copy must hold the calls opened before some moment, and none after: \(kept)")
        #expect(String(decoding: allAfter, as: UTF8.self).contains(openedDuring.last ?? "?"))
        // A second restore over the restored data is refused.
        #expect(throws: (any Error).self) {
            try Self.script("restore.sh", [backup.path], data: restored.dataDirectory, binaries: restored.binDirectory)
        }
    }

    /// With `make run`'s durable broker (Tansu on local files): the backup holds the broker's data
    /// too, and after the restore every ticket the restored intake knows reaches a planner that
    /// reads the restored broker from the beginning — including calls opened while the backup
    /// ran, whose events the broker copy may lack and the restore sends again.
    @Test func withTheDurableBroker_theRestoredBrokerCarriesEveryEventOfTheRestoredStores() async throws {
        let run = UUID().uuidString.prefix(8).lowercased()
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("arianna-durable-\(run)")
        let first = base.appendingPathComponent("data")
        let second = base.appendingPathComponent("restored")
        let backup = base.appendingPathComponent("backup")
        try FileManager.default.createDirectory(at: first, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let binaries = URL(
            fileURLWithPath: try #require(
                ProcessInfo.processInfo.environment["ARIANNA_BIN_DIR"],
                "ARIANNA_BIN_DIR is not set: run the tests with `make test`"))
        let system = LocalSystem(binaries: binaries, topicPrefix: "durable-\(run).")
        defer { system.stopAll() }

        // Given intake on a durable broker, with calls opened before and while the backup runs
        let firstIntake = try await system.start(.intake, data: first)
        var opened: [String] = []
        for index in 0..<3 { opened.append(try await Self.openTicket(at: firstIntake, customer: "Before \(index)")) }
        let traffic = Task { () -> [String] in
            var during: [String] = []
            for index in 0..<6 {
                during.append(try await Self.openTicket(at: firstIntake, customer: "During \(index)"))
            }
            return during
        }
        try Self.script("backup.sh", [backup.path], data: first, binaries: binaries)
        opened += try await traffic.value
        #expect(FileManager.default.fileExists(atPath: backup.appendingPathComponent("broker-s3").path))
        #expect(FileManager.default.fileExists(atPath: backup.appendingPathComponent("broker-copied-at").path))
        system.stopAll()

        // When restored into an empty folder and started again on the restored broker
        try Self.script("restore.sh", [backup.path], data: second, binaries: binaries)
        let intake = try await system.start(.intake, data: second)
        let planner = try await system.start(.planner, data: second)

        // Then every ticket of the restored intake is in the planner's queue, read from the broker
        let (list, _) = try await HTTP.get(intake.appendingPathComponent("api/tickets"))
        let restoredText = String(decoding: list, as: UTF8.self)
        let restoredIDs = opened.filter { restoredText.contains($0) }
        #expect(restoredIDs.count >= 3, "the three calls opened before the backup: \(restoredText)")
        _ = try await eventually("every restored ticket in the planner's queue", timeout: .seconds(90)) { () -> Bool? in
            let (data, _) = try await HTTP.get(planner.appendingPathComponent("api/queue"))
            let queue = String(decoding: data, as: UTF8.self)
            return restoredIDs.allSatisfy { queue.contains($0) } ? true : nil
        }
    }

    static func openTicket(_ cluster: ServiceCluster, customer: String) async throws -> String {
        try await openTicket(at: cluster.url(.intake, "/"), customer: customer)
    }

    static func openTicket(at intake: URL, customer: String) async throws -> String {
        let (created, status) = try await HTTP.send(
            "POST", intake.appendingPathComponent("api/tickets"),
            json: [
                "activityTypeCode": "REPAIR", "customer": ["name": customer, "email": "office@example.com"],
                "siteZone": "Milano", "description": "Oven does not reach temperature",
                "customFields": ["appliance": "Forno"]
            ])
        guard status == 201 else {
            throw HarnessError("opening a ticket: \(status) \(String(decoding: created, as: UTF8.self))")
        }
        return try #require(try HTTP.object(created)["id"] as? String)
    }

    /// What is compared: each ticket, its history, the planner's view of it, the appointment,
    /// Mario's appointments and the billing documents, as the APIs answer them.
    static func snapshot(_ cluster: ServiceCluster, ticketIDs: [String], appointmentID: String) async throws -> [String:
        Data]
    {
        var paths: [(ServiceCluster.Name, String)] = [
            (.planner, "/api/appointments?operatorID=op-mario"),
            (.billing, "/api/billing-documents"),
            (.webreport, "/api/operators/op-mario/todo")
        ]
        for id in ticketIDs {
            paths += [
                (.intake, "/api/tickets/\(id)"), (.intake, "/api/tickets/\(id)/history"),
                (.planner, "/api/queue/\(id)"), (.billing, "/api/billing-documents?ticketID=\(id)")
            ]
        }
        var answers: [String: Data] = [:]
        for (service, path) in paths {
            let (data, status) = try await HTTP.get(cluster.url(service, path))
            answers["\(service) \(path) (\(status))"] = data
        }
        return answers
    }

    /// Runs `scripts/<name>` on `data` with the built executables; throws when it fails.
    static func script(_ name: String, _ arguments: [String], data: URL, binaries: URL) throws {
        try run(
            root.appendingPathComponent("scripts/\(name)").path, arguments,
            environment: ["ARIANNA_DATA_DIR": data.path, "ARIANNA_BIN_DIR": binaries.path])
    }

    /// Runs a bash script; throws with its output when it fails.
    static func run(_ script: String, _ arguments: [String], environment extra: [String: String] = [:]) throws {
        let name = URL(fileURLWithPath: script).lastPathComponent
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment.merge(extra) { $1 }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw HarnessError("scripts/\(name) failed (\(process.terminationStatus)):\n\(text)")
        }
    }
}
