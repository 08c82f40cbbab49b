import AriannaProtocol
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import IntakeDomain
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// The back office's work list, the group of each activity type (R11) and the deadline members
/// of `ticket.opened.v1` (issue 12).
@Suite struct WorkListTests {
    let actor = TicketActor(name: "Giulia Verdi")

    @Test func counts_openWaitingAndOverdue_perGroupAndPerOperator() async throws {
        let fixture = try await IntakeFixture()
        var late = NewTicket.mock()
        late.dueAt = IntakeFixture.now.addingTimeInterval(-3600)
        let overdue = try await fixture.store.openTicket(late, channel: .api).ticket
        let plain = try await fixture.store.openTicket(.mock(email: "other@moretti.example"), channel: .api).ticket
        _ = try await fixture.store.reassign(
            ticket: plain.id, TicketReassignment(version: 1, group: nil, operatorID: "op-mario"), by: actor)
        // The planner scheduled the plain one: it no longer waits.
        try await fixture.context.database.write { db in
            try IntakeStore.recordAppointment(
                .appointmentScheduled(
                    AppointmentScheduled(
                        appointmentID: "app-1", ticketID: plain.id, ticketNumber: plain.number, operatorID: "op-mario",
                        operatorName: "Mario Rossi", title: "x", customer: nil, start: IntakeFixture.now,
                        end: IntakeFixture.now.addingTimeInterval(3600))), at: IntakeFixture.now, in: db)
        }

        let group = try await fixture.store.workList(.overdue, scope: .init(group: "Back office"))
        #expect(group.counts == WorkList.Counts(open: 2, waiting: 1, overdue: 1))
        #expect(group.tickets.map(\.id) == [overdue.id])
        let waiting = try await fixture.store.workList(.waiting, scope: .init(group: "Back office"))
        #expect(waiting.tickets.map(\.id) == [overdue.id])
        let mario = try await fixture.store.workList(.open, scope: .init(operatorID: "op-mario"))
        #expect(mario.counts == WorkList.Counts(open: 1, waiting: 0, overdue: 0))
        #expect(mario.tickets.map(\.id) == [plain.id])
        let otherPractice = try await fixture.store.workList(.open, scope: .init(visiblePracticeIDs: ["pr-sales"]))
        #expect(otherPractice.tickets.isEmpty)

        // A cancelled appointment makes it wait again.
        try await fixture.context.database.write { db in
            try IntakeStore.recordAppointment(
                .appointmentCancelled(
                    AppointmentCancelled(
                        appointmentID: "app-1", ticketID: plain.id, ticketNumber: plain.number, operatorID: "op-mario",
                        title: "x", customer: nil, start: IntakeFixture.now,
                        end: IntakeFixture.now.addingTimeInterval(3600),
                        reason: "moved")), at: IntakeFixture.now, in: db)
        }
        #expect(try await fixture.store.workList(.open, scope: .init()).counts.waiting == 2)
    }

    @Test func aTypesOwnBackOfficeGroup_winsOverTheDefault() async throws {
        let fixture = try await IntakeFixture()
        try await fixture.context.database.write { db in
            try db.execute(sql: "UPDATE activityType SET backOfficeGroup = 'Technicians North' WHERE code = 'WARRANTY'")
        }
        let repair = try await fixture.store.openTicket(.mock(), channel: .api).ticket
        var warranty = NewTicket.mock(type: "WARRANTY")
        warranty.customFields["serial_number"] = "SN-1"
        let other = try await fixture.store.openTicket(warranty, channel: .api).ticket
        #expect(repair.assignedGroup == "Back office")
        #expect(other.assignedGroup == "Technicians North")
    }

    @Test func ticketOpened_carriesTheDeadlineMembers_andAFollowUpIsADeadlineInTheTechniciansName() async throws {
        let fixture = try await IntakeFixture()
        let json = String(
            decoding: try JSONEncoder().encode([
                FollowUpRule(
                    trigger: .onDeadlineClose, targetActivityTypeCode: "MAINTENANCE",
                    recurrence: .init(count: 3, unit: .months), baseDate: .closingDate)
            ]), as: UTF8.self)
        try await fixture.context.database.write { db in
            try db.execute(sql: "UPDATE activityType SET followUpRules = ? WHERE code = 'REPAIR'", arguments: [json])
        }
        let ticket = try await fixture.store.openTicket(.mock(), channel: .api).ticket
        let intervention = InterventionClosed(
            reportID: "rep-1", appointmentID: "app-1", ticketID: ticket.id, operatorID: "op-mario",
            workDone: "Fixed", workedMinutes: 30, materials: [], closedAt: IntakeFixture.now)
        try await fixture.context.database.write { db in
            try IntakeStore.closeTicket(
                for: intervention, correlationID: nil, outbox: fixture.context.outbox, ids: fixture.context.ids, in: db)
        }

        let opened = try await fixture.outbox(type: TicketOpened.eventType).compactMap { event -> TicketOpened? in
            if case .ticketOpened(let opened) = event.event { return opened }
            return nil
        }
        #expect(opened.count == 2)
        let call = try #require(opened.first { $0.ticketID == ticket.id })
        #expect(call.macroType == .call)
        #expect(call.needsAppointment == true)
        #expect(call.followUpOfTicketID == nil)
        let followUp = try #require(opened.first { $0.ticketID != ticket.id })
        #expect(followUp.followUpOfTicketID == ticket.id)
        #expect(followUp.macroType == .appointment)
        #expect(followUp.needsAppointment == false)
        #expect(followUp.operatorInChargeID == "op-mario")
        #expect(followUp.dueAt != nil)
        #expect(followUp.number.hasPrefix("MNT/"))
    }

    @Test func pages_workListIsTheBackOfficesFirstPage_andShowsTheCounts() async throws {
        let fixture = try await IntakeFixture()
        var late = NewTicket.mock()
        late.dueAt = IntakeFixture.now.addingTimeInterval(-3600)
        let ticket = try await fixture.store.openTicket(late, channel: .api).ticket
        let user = try await fixture.session([.plannerSchedule, .ticketsRead], operatorID: "op-giulia")
        try await Application(router: fixture.router).test(.router) { client in
            let client = client.authenticated(as: user)
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.headers[.location] == "/work")
            }
            try await client.execute(uri: "/work?view=overdue", method: .get, headers: [.acceptLanguage: "en"]) {
                response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains(ticket.number))
                #expect(html.contains(#"<option value="group:Back office" selected>"#))
                #expect(html.contains("Overdue deadlines <span class=\"pill\">1</span>"))
                #expect(html.contains("(overdue)"))
            }
            try await client.execute(uri: "/api/work?view=bogus", method: .get, headers: [.acceptLanguage: "en"]) {
                response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("view must be open, waiting or overdue"))
            }
            try await client.execute(uri: "/api/work?group=Back%20office", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""overdue":1"#))
            }
        }
    }
}

/// The setup of a type's back-office group (R11), through the setup API.
@Suite struct BackOfficeGroupSetupTests {
    @Test func aTypesGroup_mustBeAnActiveGroup_andCanBeCleared() async throws {
        let fixture = try await IntakeFixture()
        let user = try await fixture.session([.setupEdit])
        let json: HTTPFields = [.contentType: "application/json", .acceptLanguage: "en"]
        try await Application(router: fixture.router).test(.router) { client in
            let client = client.authenticated(as: user)
            try await client.execute(
                uri: "/api/setup/activity-types/at-warranty", method: .put, headers: json,
                body: ByteBuffer(string: #"{"backOfficeGroup":"Nobody"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("There is no active group 'Nobody'."))
            }
            try await client.execute(
                uri: "/api/setup/activity-types/at-warranty", method: .put, headers: json,
                body: ByteBuffer(string: #"{"backOfficeGroup":"Technicians North"}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            #expect(
                try await fixture.context.database.read { db in
                    try ActivityTypeRecord.fetchOne(db, key: "at-warranty")?.backOfficeGroup
                } == "Technicians North")
            try await client.execute(
                uri: "/api/setup/activity-types/at-warranty", method: .put, headers: json,
                body: ByteBuffer(string: #"{"backOfficeGroup":null}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            #expect(
                try await fixture.context.database.read { db in
                    try ActivityTypeRecord.fetchOne(db, key: "at-warranty")?.backOfficeGroup
                } == nil)
        }
    }
}

extension WorkListTests {
    @Test func theTicketList_linksTheWorkList_forTheBackOfficeOnly() async throws {
        let fixture = try await IntakeFixture()
        let office = try await fixture.session([.plannerSchedule, .ticketsRead])
        let reader = try await fixture.session([.ticketsRead])
        try await Application(router: fixture.router).test(.router) { client in
            try await client.authenticated(as: office).execute(uri: "/tickets", method: .get) { response in
                #expect(String(buffer: response.body).contains(#"href="/work""#))
            }
            try await client.authenticated(as: reader).execute(uri: "/tickets", method: .get) { response in
                #expect(!String(buffer: response.body).contains(#"href="/work""#))
            }
        }
    }
}
