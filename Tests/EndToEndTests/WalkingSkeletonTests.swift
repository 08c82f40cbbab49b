import Foundation
import Testing

/// The whole path through the five services as real processes over the real broker:
/// intake → planner → notification → web-report → intake → billing.
@Suite("EndToEnd walking skeleton", .serialized)
struct WalkingSkeletonTests {
    @Test func ticket_flowsFromIntakeToBilling() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        // This test reads the `.eml` files; delivery over SMTP is covered by NotificationTests (aiosmtpd).
        try await cluster.start(ServiceCluster.Name.allCases, extraEnvironment: ["ARIANNA_MAIL_TRANSPORT": "file"])

        // Given a billable repair call opened over intake's JSON API
        let (created, status) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/tickets"),
            json: [
                "activityTypeCode": "REPAIR",
                "customer": ["name": "Panificio Moretti", "email": "ordini@panificio-moretti.example"],
                "siteZone": "Milano",
                "description": "Oven does not reach temperature",
                "customFields": ["appliance": "Forno a tunnel"]
            ])
        #expect(status == 201, "\(String(decoding: created, as: UTF8.self))")
        let ticket = try HTTP.object(created)
        let ticketID = try #require(ticket["id"] as? String)
        let number = try #require(ticket["number"] as? String)
        #expect(number.hasPrefix("TCK/"))

        // When the planner lists it as unscheduled
        let queued = try await eventually("the ticket in the planner's queue") { () -> [String: Any]? in
            let (data, _) = try await HTTP.get(cluster.url(.planner, "/api/queue?limit=200"))
            return try HTTP.items(data).first { $0["ticketID"] as? String == ticketID }
        }
        #expect(queued["number"] as? String == number)
        #expect(queued["expectedDurationMinutes"] as? Int == 60)

        // and Mario's presences are generated for March 2030 (operators come from intake's setup
        // snapshots; the planner gives each new one a default Mon–Fri 08:00–17:00 presence rule)
        _ = try await eventually("Mario in the planner") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.planner, "/api/operators?limit=200"))
            return try HTTP.items(data).contains { $0["id"] as? String == "op-mario" } ? true : nil
        }
        let (jobData, jobStatus) = try await HTTP.send(
            "POST", cluster.url(.planner, "/api/presence-rules/generate"),
            json: [
                "from": "2030-03-01", "to": "2030-03-31"
            ])
        #expect(jobStatus == 202, "\(String(decoding: jobData, as: UTF8.self))")
        let jobID = try #require(try HTTP.object(jobData)["id"] as? String)
        _ = try await eventually("presences generated") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.planner, "/api/generation-jobs/\(jobID)"))
            return try HTTP.object(data)["state"] as? String == "done" ? true : nil
        }

        // and the back office schedules it for Mario (10:00 in Rome, inside his presence)
        let start = "2030-03-04T09:00:00.000Z"
        let (scheduledData, scheduledStatus) = try await eventually("Mario in the planner") { () -> (Data, Int)? in
            let result = try await HTTP.send(
                "POST", cluster.url(.planner, "/api/appointments"),
                json: [
                    "ticketID": ticketID, "operatorID": "op-mario", "start": start
                ])
            return result.1 == 404
                || (result.1 == 409 && String(decoding: result.0, as: UTF8.self).contains("no operator")) ? nil : result
        }
        #expect(scheduledStatus == 201, "\(String(decoding: scheduledData, as: UTF8.self))")
        let appointment = try HTTP.object(scheduledData)
        let appointmentID = try #require(appointment["id"] as? String)
        #expect(appointment["end"] as? String == "2030-03-04T10:00:00.000Z")

        // Then an overlapping slot for another call is refused with a reason
        let (other, _) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/tickets"),
            json: [
                "activityTypeCode": "WARRANTY", "customer": ["name": "Hotel Lago Blu"],
                "description": "Boiler pressure drops",
                "customFields": ["appliance": "Caldaia", "serial_number": "CLD-2291"]
            ])
        let otherID = try #require(try HTTP.object(other)["id"] as? String)
        _ = try await eventually("the second ticket in the queue") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.planner, "/api/queue/\(otherID)"))
            return (try? HTTP.object(data))?["ticketID"] != nil ? true : nil
        }
        let (refusal, refusalStatus) = try await HTTP.send(
            "POST", cluster.url(.planner, "/api/appointments"),
            json: [
                "ticketID": otherID, "operatorID": "op-mario", "start": "2030-03-04T09:30:00Z"
            ])
        #expect(refusalStatus == 409)
        let refusalText = String(decoding: refusal, as: UTF8.self)
        #expect(refusalText.contains("Mario Rossi already has \(number)"), "\(refusalText)")

        // and notification writes the customer's email into its outbox folder
        let email = try await eventually("the appointment email") { () -> [String: Any]? in
            let (data, _) = try await HTTP.get(cluster.url(.notification, "/api/emails?limit=200"))
            return try emailItems(data).first {
                $0["kind"] as? String == "appointment-scheduled" && $0["status"] as? String == "sent"
            }
        }
        #expect(email["recipient"] as? String == "ordini@panificio-moretti.example")
        let emailID = try #require(email["id"] as? String)
        let message = try String(
            contentsOf: cluster.dataDirectory.appendingPathComponent("notification/outbox/\(emailID).eml"),
            encoding: .utf8)
        #expect(message.contains("To: \"Panificio Moretti\" <ordini@panificio-moretti.example>"))
        #expect(message.contains(number))
        #expect(message.contains("Mario Rossi"))
        let outbox = cluster.dataDirectory.appendingPathComponent("notification/outbox")
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".eml") }
        #expect(files.count >= 2, "one email for the opened ticket, one for the appointment: \(files)")

        // and web-report lists the appointment in Mario's to-do list
        _ = try await eventually("the appointment in Mario's to-do list") { () -> Bool? in
            // A paged list ({"items", "nextCursor"}): the cluster's Mario has fewer than 200 open appointments.
            let (data, _) = try await HTTP.get(cluster.url(.webreport, "/api/operators/op-mario/todo?limit=200"))
            let items = try HTTP.object(data)["items"] as? [[String: Any]] ?? []
            return items.contains { $0["appointmentID"] as? String == appointmentID } ? true : nil
        }

        // When Mario closes the report: one 90-minute work session (sessions lie in the past)
        let iso = ISO8601DateFormatter()
        let worked = [
            [
                "start": iso.string(from: Date().addingTimeInterval(-120 * 60)),
                "end": iso.string(from: Date().addingTimeInterval(-30 * 60)), "travelMinutes": 15
            ]
        ]
        let (report, reportStatus) = try await HTTP.send(
            "POST", cluster.url(.webreport, "/api/appointments/\(appointmentID)/report"),
            json: [
                "workDone": "Replaced the thermostat", "sessions": worked,
                "materials": [["articleCode": "FILTER-01", "description": "Filter", "quantity": 2]]
            ])
        #expect(reportStatus == 201, "\(String(decoding: report, as: UTF8.self))")

        // Then intake marks the ticket closed
        _ = try await eventually("the ticket closed in intake") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.intake, "/api/tickets/\(ticketID)"))
            return try HTTP.object(data)["state"] as? String == "closed" ? true : nil
        }

        // and billing creates exactly one draft for the billable ticket
        let documents = try await eventually("the billing document") { () -> [[String: Any]]? in
            let (data, _) = try await HTTP.get(cluster.url(.billing, "/api/billing-documents?ticketID=\(ticketID)"))
            let documents = try HTTP.items(data)
            return documents.isEmpty ? nil : documents
        }
        try await Task.sleep(for: .seconds(1))
        let (again, _) = try await HTTP.get(cluster.url(.billing, "/api/billing-documents?ticketID=\(ticketID)"))
        #expect(try HTTP.items(again).count == 1)
        #expect(documents.first?["status"] as? String == "draft")
        #expect((documents.first?["totalCents"] as? Int ?? 0) > 0)

        // and closing the report twice is refused, still one document
        let (_, secondStatus) = try await HTTP.send(
            "POST", cluster.url(.webreport, "/api/appointments/\(appointmentID)/report"),
            json: ["workDone": "again", "sessions": worked, "materials": []])
        #expect(secondStatus == 409)
    }
}
