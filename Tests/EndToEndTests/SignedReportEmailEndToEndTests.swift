import AriannaKafka
import AriannaProtocol
import Foundation
import Logging
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Web-report's two events on the real broker (the signed report's PDF, then the closed
/// intervention, same key, as web-report publishes them) reach the customer through notification
/// and a real SMTP server as one email whose PDF part, read by Python's `email` package, has
/// exactly the event's bytes.
@Suite("Signed report by email, end to end", .serialized)
struct SignedReportEmailEndToEndTests {
    @Test func theCompletedEmail_carriesTheSignedPDF() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        let sink = try SMTPTestServer(folder: cluster.dataDirectory.appendingPathComponent("mail-sink"))
        defer { sink.kill() }
        try await cluster.start([.notification], extraEnvironment: ["ARIANNA_SMTP_PORT": "\(sink.port)"])

        // Given a ticket, then the signed report and the closed intervention, published as intake and web-report do
        let pdf =
            Data("%PDF-1.4\n".utf8) + Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            + Data("\n%%EOF\n".utf8)
        let ticket = TicketOpened(
            ticketID: "tck-e2e-pdf", number: "TCK/2030/000777",
            activityType: ActivityTypeRef(
                id: "at-e2e", code: "REP", name: "Riparazione", expectedDurationMinutes: 60, billable: true),
            customer: CustomerRef(id: "cus-e2e", name: "Panificio Moretti", email: "ordini@panificio-moretti.example"),
            siteZone: nil, description: "Forno guasto", channel: .callCentre, openedAt: Date())
        let report = InterventionReportIssued(
            reportID: "rep-e2e", appointmentID: "app-e2e", ticketID: ticket.ticketID,
            fileName: "rapporto-TCK-2030-000777.pdf",
            pdfBase64: pdf.base64EncodedString(), photosIncluded: true, issuedAt: Date())
        let closed = InterventionClosed(
            reportID: "rep-e2e", appointmentID: "app-e2e", ticketID: ticket.ticketID, operatorID: "op-mario",
            workDone: "Sostituita la resistenza", workedMinutes: 45, materials: [], closedAt: Date(),
            outcome: .completed,
            reportURL: "http://127.0.0.1:8084/r/rep-e2e?sig=1")
        let topics = TopicNames(prefix: cluster.topicPrefix)
        func message<E: DomainEvent>(_ event: E) throws -> KafkaOutgoingMessage {
            let metadata = EventMetadata.new(for: event, id: UUID().uuidString, source: "/e2e", time: Date())
            return KafkaOutgoingMessage(
                topic: topics.name(of: E.topic), key: Array(event.aggregateID.utf8),
                value: try EventCodec.encode(event, metadata: metadata))
        }
        let producer = try KafkaProducer(
            configuration: KafkaClientConfiguration(bootstrapServers: cluster.brokers, clientID: "e2e-webreport"),
            logger: Logger(label: "e2e"))
        func emails() throws -> [URL] {
            try FileManager.default.contentsOfDirectory(atPath: sink.folder.path)
                .filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }.map { sink.folder.appendingPathComponent($0) }
        }
        // The ticket first, as in life (topics are not ordered with each other): wait for its email
        var refused = await producer.sendAll([try message(ticket)]).filter {
            if case .failure = $0 { true } else { false }
        }
        _ = try await eventually("the ticket's email", timeout: .seconds(90)) { () -> Bool? in
            try emails().isEmpty ? nil : true
        }
        refused += await producer.sendAll([try message(report), try message(closed)])
            .filter { if case .failure = $0 { true } else { false } }
        await producer.close()
        #expect(refused.isEmpty)

        // When notification has sent the customer's two emails (opened, completed)
        let files: [URL]
        do {
            files = try await eventually("the completed email", timeout: .seconds(90)) { () -> [URL]? in
                let files = try emails()
                return files.count >= 2 ? files : nil
            }
        } catch {
            Issue.record("notification's log:\n\(cluster.logTail(.notification))")
            throw error
        }

        // Then Python's email package finds the PDF with the event's bytes and file name
        let parser = Process()
        parser.executableURL = URL(
            fileURLWithPath: ProcessInfo.processInfo.environment["ARIANNA_PYTHON"] ?? "/usr/bin/python3")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        parser.arguments = [root.appendingPathComponent("Tests/Mail/parse_mail.py").path] + files.map(\.path)
        let output = Pipe()
        parser.standardOutput = output
        try parser.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        parser.waitUntilExit()
        #expect(parser.terminationStatus == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let completed = try #require(
            parsed.first { ($0["subject"] as? String)?.hasPrefix("Intervento completato") == true })
        #expect(completed["envelopeTo"] as? String == "ordini@panificio-moretti.example")
        let parts = try #require(completed["parts"] as? [[String: Any]])
        let attachment = try #require(parts.first { $0["type"] as? String == "application/pdf" })
        #expect(attachment["filename"] as? String == "rapporto-TCK-2030-000777.pdf")
        #expect((attachment["data"] as? String).flatMap { Data(base64Encoded: $0) } == pdf)
        let text = parts.first { $0["type"] as? String == "text/plain" }?["text"] as? String
        #expect(text?.contains("http://127.0.0.1:8084/r/rep-e2e?sig=1") == true)
        #expect((completed["defects"] as? [Any])?.isEmpty == true)
    }

    /// The whole chain with the real services: Mario files the report on web-report, which
    /// publishes the signed PDF; notification attaches it to the customer's email over SMTP, with
    /// the customer link that opens the same PDF without a session.
    @Test func aReportClosedOnWebReport_reachesTheCustomerWithItsPDF() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        let sink = try SMTPTestServer(folder: cluster.dataDirectory.appendingPathComponent("mail-sink"))
        defer { sink.kill() }
        try await cluster.start(
            [.intake, .planner, .webreport, .notification],
            extraEnvironment: ["ARIANNA_SMTP_PORT": "\(sink.port)"])

        // Given a call for a customer with an email, scheduled for Mario in April 2030
        let (created, status) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/tickets"),
            json: [
                "activityTypeCode": "REPAIR",
                "customer": ["name": "Trattoria Da Gino", "email": "gino@trattoria.example"],
                "description": "Lavastoviglie in blocco", "customFields": ["appliance": "Lavastoviglie"]
            ])
        #expect(status == 201, "\(String(decoding: created, as: UTF8.self))")
        let ticketID = try #require(try HTTP.object(created)["id"] as? String)
        _ = try await eventually("the ticket in the planner's queue") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.planner, "/api/queue/\(ticketID)"))
            return (try? HTTP.object(data))?["ticketID"] != nil ? true : nil
        }
        _ = try await eventually("Mario in the planner") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.planner, "/api/operators?limit=200"))
            return try HTTP.items(data).contains { $0["id"] as? String == "op-mario" } ? true : nil
        }
        let (jobData, _) = try await HTTP.send(
            "POST", cluster.url(.planner, "/api/presence-rules/generate"),
            json: ["from": "2030-04-01", "to": "2030-04-30"])
        let jobID = try #require(try HTTP.object(jobData)["id"] as? String)
        _ = try await eventually("presences generated") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.planner, "/api/generation-jobs/\(jobID)"))
            return try HTTP.object(data)["state"] as? String == "done" ? true : nil
        }
        let (scheduled, scheduledStatus) = try await HTTP.send(
            "POST", cluster.url(.planner, "/api/appointments"),
            json: [
                "ticketID": ticketID, "operatorID": "op-mario", "start": "2030-04-02T08:00:00.000Z"
            ])
        #expect(scheduledStatus == 201, "\(String(decoding: scheduled, as: UTF8.self))")
        let appointmentID = try #require(try HTTP.object(scheduled)["id"] as? String)
        _ = try await eventually("the appointment in Mario's to-do list") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.webreport, "/api/operators/op-mario/todo?limit=200"))
            return try HTTP.items(data).contains { $0["appointmentID"] as? String == appointmentID } ? true : nil
        }

        // When Mario closes the report on web-report
        let iso = ISO8601DateFormatter()
        let (filed, filedStatus) = try await HTTP.send(
            "POST", cluster.url(.webreport, "/api/appointments/\(appointmentID)/report"),
            json: [
                "workDone": "Sbloccata la pompa di scarico", "signedBy": "Gino Rossi",
                "sessions": [
                    [
                        "start": iso.string(from: Date().addingTimeInterval(-90 * 60)),
                        "end": iso.string(from: Date().addingTimeInterval(-30 * 60))
                    ]
                ],
                "materials": []
            ])
        #expect(filedStatus == 201, "\(String(decoding: filed, as: UTF8.self))")

        // Then the customer's "intervention completed" email carries web-report's PDF
        let completed: [String: Any]
        do {
            completed = try await eventually("the completed email", timeout: .seconds(90)) { () -> [String: Any]? in
                let files = try FileManager.default.contentsOfDirectory(atPath: sink.folder.path)
                    .filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }.map {
                        sink.folder.appendingPathComponent($0)
                    }
                return try Self.parse(files).first {
                    ($0["subject"] as? String)?.hasPrefix("Intervento completato") == true
                }
            }
        } catch {
            Issue.record(
                "notification's log:\n\(cluster.logTail(.notification))\nweb-report's log:\n\(cluster.logTail(.webreport))"
            )
            throw error
        }
        #expect(completed["envelopeTo"] as? String == "gino@trattoria.example")
        let parts = try #require(completed["parts"] as? [[String: Any]])
        let attachment = try #require(parts.first { $0["type"] as? String == "application/pdf" })
        let pdf = try #require((attachment["data"] as? String).flatMap { Data(base64Encoded: $0) })
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        // and the link in the email opens the same report without a session
        let text = try #require(parts.first { $0["type"] as? String == "text/plain" }?["text"] as? String)
        let link = try #require(
            text.split(whereSeparator: \.isWhitespace).map(String.init)
                .first { $0.contains("/customer.pdf?key=") })
        var anonymous = URLRequest(url: try #require(URL(string: link)))
        anonymous.httpShouldHandleCookies = false
        let (linked, response) = try await URLSession(configuration: .ephemeral).data(for: anonymous)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(linked.starts(with: Data("%PDF-".utf8)))
    }

    /// The messages in `files`, parsed by Python's `email` package (`Tests/Mail/parse_mail.py`).
    static func parse(_ files: [URL]) throws -> [[String: Any]] {
        guard !files.isEmpty else { return [] }
        let parser = Process()
        parser.executableURL = URL(
            fileURLWithPath: ProcessInfo.processInfo.environment["ARIANNA_PYTHON"] ?? "/usr/bin/python3")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        parser.arguments = [root.appendingPathComponent("Tests/Mail/parse_mail.py").path] + files.map(\.path)
        let output = Pipe()
        parser.standardOutput = output
        try parser.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        parser.waitUntilExit()
        guard parser.terminationStatus == 0 else {
            throw HarnessError("parse_mail.py exited with \(parser.terminationStatus)")
        }
        return try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    }
}

/// The `items` of one page of notification's `GET /api/emails` (`{"items": […], "nextCursor": "…"}`).
func emailItems(_ data: Data) throws -> [[String: Any]] {
    guard let items = try HTTP.object(data)["items"] as? [[String: Any]] else {
        throw HarnessError("expected a page of emails, got \(String(decoding: data, as: UTF8.self))")
    }
    return items
}
