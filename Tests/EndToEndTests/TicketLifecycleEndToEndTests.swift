import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A ticket's life after opening (issue 12) with the real executables over the real broker:
/// cancelling a scheduled ticket cancels its appointment on the planner, notification queues one
/// cancellation email and billing bills nothing; of two concurrent edits the second gets 409.
@Suite("EndToEnd ticket lifecycle", .serialized)
struct TicketLifecycleEndToEndTests {
    @Test func cancellingAScheduledTicket_cancelsItsAppointment_emailsOnce_andBillsNothing() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        try await cluster.start([.intake, .planner, .notification, .billing])

        // Given a billable repair call, scheduled for Mario
        let (created, status) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/tickets"),
            json: [
                "activityTypeCode": "REPAIR",
                "customer": ["name": "Panificio Moretti", "email": "ordini@panificio-moretti.example"],
                "siteZone": "Milano", "description": "Oven does not reach temperature",
                "customFields": ["appliance": "Forno a tunnel"]
            ])
        #expect(status == 201, "\(String(decoding: created, as: UTF8.self))")
        let ticketID = try #require(try HTTP.object(created)["id"] as? String)
        _ = try await eventually("the ticket in the planner's queue") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.planner, "/api/queue?limit=200"))
            return try HTTP.items(data).contains { $0["ticketID"] as? String == ticketID } ? true : nil
        }
        _ = try await eventually("Mario in the planner") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.planner, "/api/operators?limit=200"))
            return try HTTP.items(data).contains { $0["id"] as? String == "op-mario" } ? true : nil
        }
        let (jobData, _) = try await HTTP.send(
            "POST", cluster.url(.planner, "/api/presence-rules/generate"),
            json: [
                "from": "2030-03-01", "to": "2030-03-31"
            ])
        let jobID = try #require(try HTTP.object(jobData)["id"] as? String)
        _ = try await eventually("presences generated") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.planner, "/api/generation-jobs/\(jobID)"))
            return try HTTP.object(data)["state"] as? String == "done" ? true : nil
        }
        let (scheduled, scheduledStatus) = try await HTTP.send(
            "POST", cluster.url(.planner, "/api/appointments"),
            json: [
                "ticketID": ticketID, "operatorID": "op-mario", "start": "2030-03-04T09:00:00.000Z"
            ])
        #expect(scheduledStatus == 201, "\(String(decoding: scheduled, as: UTF8.self))")
        let appointmentID = try #require(try HTTP.object(scheduled)["id"] as? String)
        _ = try await eventually("the scheduling noted in the ticket's history") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.intake, "/api/tickets/\(ticketID)/history"))
            return try HTTP.items(data).contains { $0["eventType"] as? String == "appointment.scheduled.v1" }
                ? true : nil
        }

        // When the back office cancels the ticket
        let (cancelled, cancelStatus) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/tickets/\(ticketID)/cancel"),
            json: ["version": 1, "reason": "The customer fixed it himself"])
        #expect(cancelStatus == 200, "\(String(decoding: cancelled, as: UTF8.self))")
        #expect(try HTTP.object(cancelled)["state"] as? String == "cancelled")

        // Then the planner cancels the appointment and the ticket is gone from its queue
        _ = try await eventually("the appointment gone from Mario's planner") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.planner, "/api/appointments?operatorID=op-mario&limit=200"))
            return try HTTP.items(data).contains { $0["id"] as? String == appointmentID } ? nil : true
        }
        let (queue, _) = try await HTTP.get(cluster.url(.planner, "/api/queue?limit=200"))
        #expect(try !HTTP.items(queue).contains { $0["ticketID"] as? String == ticketID })

        // and notification makes exactly one cancellation email job
        _ = try await eventually("the cancellation email") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.notification, "/api/emails?limit=200"))
            return try emailItems(data).contains { $0["kind"] as? String == "appointment-cancelled" } ? true : nil
        }
        // and intake notes the cancelled appointment in the ticket's history
        _ = try await eventually("the cancelled appointment in the ticket's history") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.intake, "/api/tickets/\(ticketID)/history"))
            return try HTTP.items(data).contains { $0["eventType"] as? String == "appointment.cancelled.v1" }
                ? true : nil
        }
        try await Task.sleep(for: .seconds(2))
        let (emails, _) = try await HTTP.get(cluster.url(.notification, "/api/emails?limit=200"))
        #expect(try emailItems(emails).filter { $0["kind"] as? String == "appointment-cancelled" }.count == 1)

        // and billing bills nothing
        let (documents, documentsStatus) = try await HTTP.get(
            cluster.url(.billing, "/api/billing-documents?ticketID=\(ticketID)"))
        #expect(documentsStatus == 200)
        #expect(try HTTP.items(documents).isEmpty)
    }

    @Test func twoConcurrentEdits_oneIsSaved_theOtherIs409() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        try await cluster.start([.intake])
        let (created, _) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/tickets"),
            json: [
                "activityTypeCode": "REPAIR", "customer": ["name": "Hotel Lago Blu"], "description": "Boiler",
                "customFields": ["appliance": "Caldaia"]
            ])
        let ticketID = try #require(try HTTP.object(created)["id"] as? String)
        let url = cluster.url(.intake, "/api/tickets/\(ticketID)/details")

        async let first = HTTP.send(
            "PUT", url,
            json: [
                "version": 1, "description": "Boiler, says Anna", "customFields": ["appliance": "Caldaia"]
            ], headers: ["Accept-Language": "en"])
        async let second = HTTP.send(
            "PUT", url,
            json: [
                "version": 1, "description": "Boiler, says Bruno", "customFields": ["appliance": "Caldaia"]
            ], headers: ["Accept-Language": "en"])
        let answers = try await [first, second]

        #expect(answers.map(\.1).sorted() == [200, 409])
        let refusal = try #require(answers.first { $0.1 == 409 })
        #expect(String(decoding: refusal.0, as: UTF8.self).contains("meanwhile"))
        let (stored, _) = try await HTTP.get(cluster.url(.intake, "/api/tickets/\(ticketID)"))
        let ticket = try HTTP.object(stored)
        #expect(ticket["version"] as? Int == 2)
        let winner = try #require(answers.first { $0.1 == 200 })
        #expect(ticket["description"] as? String == (try HTTP.object(winner.0))["description"] as? String)
    }
}

/// Deadlines (issue 12) through the real broker: a ticket closed by hand fires its type's
/// on-deadline-close rule; the follow-up deadline is in the technician's name, on their to-do
/// list in web-report, and never reaches the planner's queue.
@Suite("EndToEnd follow-up deadline", .serialized)
struct FollowUpDeadlineEndToEndTests {
    @Test func closingByHand_createsAFollowUpDeadline_inTheOperatorsName_thatThePlannerDoesNotQueue() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        try await cluster.start([.intake, .planner, .webreport, .notification])
        let (rules, rulesStatus) = try await HTTP.send(
            "PUT", cluster.url(.intake, "/api/setup/activity-types/at-repair"),
            json: [
                "followUpRules": [
                    [
                        "trigger": "onDeadlineClose", "targetActivityTypeCode": "MAINTENANCE",
                        "recurrence": ["count": 6, "unit": "months"], "baseDate": "closingDate"
                    ]
                ]
            ])
        #expect(rulesStatus == 200, "\(String(decoding: rules, as: UTF8.self))")
        // The follow-up's type notifies the operator in charge (R5): that email proves notification
        // has read the follow-up deadline when the customer's emails are counted below.
        let (notify, notifyStatus) = try await HTTP.send(
            "PUT", cluster.url(.intake, "/api/setup/activity-types/at-maintenance"), json: ["notifyAssignee": true])
        #expect(notifyStatus == 200, "\(String(decoding: notify, as: UTF8.self))")
        // Setup and tickets are different topics, not ordered with each other: wait until
        // notification's copy of the type has the flag, so the deadline cannot overtake it.
        _ = try await eventually("notification's copy of the maintenance type with its notify flag") { () -> Bool? in
            let (data, status) = try await HTTP.get(
                cluster.url(.notification, "/api/recipient-rules?activityTypeID=at-maintenance&limit=10"))
            guard status == 200 else { return nil }
            let rules = try HTTP.items(data)
            return rules.contains { ($0["roles"] as? [String])?.contains("operator-in-charge") == true } ? true : nil
        }
        let (created, _) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/tickets"),
            json: [
                "activityTypeCode": "REPAIR", "customer": ["name": "Trattoria Da Gino", "email": "gino@dagino.example"],
                "description": "Fridge alarm", "customFields": ["appliance": "Frigo"]
            ])
        let ticketID = try #require(try HTTP.object(created)["id"] as? String)
        _ = try await eventually("the call in the planner's queue") { () -> Bool? in
            let (data, status) = try await HTTP.get(cluster.url(.planner, "/api/queue/\(ticketID)"))
            guard status == 200 else { return nil }
            return try HTTP.object(data)["state"] as? String == "unscheduled" ? true : nil
        }

        // When the back office puts Mario in charge and closes the ticket by hand
        let (_, reassigned) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/tickets/\(ticketID)/reassign"),
            json: ["version": 1, "operatorID": "op-mario"])
        #expect(reassigned == 200)
        let (closedData, closed) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/tickets/\(ticketID)/state"),
            json: ["version": 2, "stateID": "st-closed"])
        #expect(closed == 200, "\(String(decoding: closedData, as: UTF8.self))")

        // Then intake has a follow-up deadline in Mario's name, numbered by its own type's sequence
        let (list, _) = try await HTTP.get(cluster.url(.intake, "/api/tickets"))
        let followUp = try #require(try HTTP.items(list).first { $0["followUpOf"] as? String == ticketID })
        let followUpID = try #require(followUp["id"] as? String)
        #expect(followUp["assignedOperatorID"] as? String == "op-mario")
        #expect((followUp["number"] as? String)?.hasPrefix("MNT/") == true)
        #expect(followUp["dueAt"] != nil)

        // and the planner closes the call but never queues the deadline
        _ = try await eventually("the call closed on the planner") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.planner, "/api/queue/\(ticketID)"))
            return (try HTTP.object(data))["state"] as? String == "closed" ? true : nil
        }
        try await Task.sleep(for: .seconds(2))
        let (_, followUpStatus) = try await HTTP.get(cluster.url(.planner, "/api/queue/\(followUpID)"))
        #expect(followUpStatus == 404)

        // and web-report puts it on Mario's to-do list, read with Mario's own session
        let (login, loginStatus) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/sessions"), json: ["username": "mario", "password": "arianna-demo"])
        #expect(loginStatus == 201, "\(String(decoding: login, as: UTF8.self))")
        let marioToken = try #require(try HTTP.object(login)["token"] as? String)
        var marios = URLRequest(url: cluster.url(.webreport, "/api/operators/op-mario/deadlines?limit=200"))
        marios.setValue("Bearer \(marioToken)", forHTTPHeaderField: "Authorization")
        let deadline = try await eventually("the follow-up deadline on Mario's to-do list") { () -> [String: Any]? in
            let (data, status) = try await HTTP.send(marios)
            guard status == 200 else { return nil }
            // A paged list ({"items", "nextCursor"}); Mario has fewer than 200 deadlines here.
            return (try HTTP.object(data)["items"] as? [[String: Any]] ?? []).first {
                $0["ticketID"] as? String == followUpID
            }
        }
        #expect(deadline["operatorInChargeID"] as? String == "op-mario")
        #expect(deadline["dueAt"] != nil)
        #expect((deadline["ticketNumber"] as? String)?.hasPrefix("MNT/") == true)
        var luciasWithMario = URLRequest(url: cluster.url(.webreport, "/api/operators/op-lucia/deadlines"))
        luciasWithMario.setValue("Bearer \(marioToken)", forHTTPHeaderField: "Authorization")
        #expect(try await HTTP.send(luciasWithMario).1 == 403)
        // and still not in the planner's queue
        #expect(try await HTTP.get(cluster.url(.planner, "/api/queue/\(followUpID)")).1 == 404)
        let (queue, _) = try await HTTP.get(cluster.url(.planner, "/api/queue?limit=200"))
        #expect(!String(decoding: queue, as: UTF8.self).contains(followUpID))

        // and the customer was told about the call once, never about the follow-up deadline as a new request
        func customerOpenings() async throws -> Int {
            let (data, _) = try await HTTP.get(cluster.url(.notification, "/api/emails?limit=200"))
            return try emailItems(data).filter {
                $0["kind"] as? String == "ticket-opened" && $0["recipient"] as? String == "gino@dagino.example"
            }.count
        }
        _ = try await eventually("the customer's email about the call") { () -> Bool? in
            try await customerOpenings() >= 1 ? true : nil
        }
        _ = try await eventually("notification has seen the follow-up deadline") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.notification, "/api/emails?limit=200"))
            return try emailItems(data).contains { $0["kind"] as? String == "deadline-assigned" } ? true : nil
        }
        #expect(try await customerOpenings() == 1)
    }
}
