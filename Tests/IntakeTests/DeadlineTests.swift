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

/// Deadlines (macro type task, R5, issue 12): their own sequence, an operator in charge and a due
/// date, never queued for a visit.
@Suite struct DeadlineTests {
    init() {}

    func withDeadlineType(_ fixture: IntakeFixture) async throws {
        try await fixture.context.database.write { db in
            try SequenceDefinitionRecord(prefix: "SCA", name: "Scadenze", padding: 4, active: true).insert(db)
            try ActivityTypeRecord(
                id: "at-deadline", code: "DEADLINE", name: "Scadenza", macroType: .task, expectedDurationMinutes: 30,
                billable: false, colour: "#8c564b", numberingPrefix: "SCA", active: true
            ).insert(db)
        }
    }

    @Test func aDeadline_takesItsOwnSequence_andIsAnnouncedAsATaskInTheOperatorsName() async throws {
        let fixture = try await IntakeFixture()
        try await withDeadlineType(fixture)
        var request = NewTicket.mock(type: "DEADLINE")
        request.customFields = [:]
        request.description = "Renew the boiler's safety certificate"
        request.dueAt = IntakeFixture.now.addingTimeInterval(10 * 24 * 3600)
        request.operatorInChargeID = "op-lucia"

        let deadline = try await fixture.store.openTicket(request, channel: .api).ticket

        #expect(deadline.number == "SCA/2030/0001")
        #expect(deadline.assignedOperatorName == "Lucia Bianchi")
        let events = try await fixture.outbox(type: TicketOpened.eventType)
        guard case .ticketOpened(let opened) = events.last?.event else {
            Issue.record("no ticket.opened.v1")
            return
        }
        #expect(opened.macroType == .task)
        #expect(opened.needsAppointment == false)
        #expect(opened.operatorInChargeID == "op-lucia")
        #expect(opened.dueAt == request.dueAt)
        #expect(opened.followUpOfTicketID == nil)
    }

    @Test func aDeadline_withoutDueDateOrOperator_isRefused() async throws {
        let fixture = try await IntakeFixture()
        try await withDeadlineType(fixture)
        var request = NewTicket.mock(type: "DEADLINE")
        request.customFields = [:]

        let error = await #expect(throws: IntakeError.self) {
            try await fixture.store.openTicket(request, channel: .api)
        }

        #expect(
            error?.problems.map(\.en) == [
                "dueAt: a deadline needs its due date.", "operatorInChargeID: a deadline needs its operator in charge."
            ])
        #expect(try await fixture.outbox(type: TicketOpened.eventType).isEmpty)
    }
}

/// The deadline form (issue 12) through the real router.
@Suite struct DeadlinePageTests {
    @Test func theForm_opensADeadlineInTheOperatorsName_orListsEveryProblem() async throws {
        let fixture = try await IntakeFixture()
        try await DeadlineTests().withDeadlineType(fixture)
        let user = try await fixture.session([.ticketsOpen, .ticketsRead])
        try await Application(router: fixture.router).test(.router) { client in
            let client = client.authenticated(as: user)
            try await client.execute(uri: "/deadlines/new", method: .get, headers: [.acceptLanguage: "en"]) {
                response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains(#"<option value="DEADLINE">Scadenza</option>"#))
                #expect(!html.contains(#"<option value="REPAIR">"#))
                #expect(html.contains(#"name="_csrf""#))
            }
            try await client.execute(
                uri: "/deadlines/new", method: .post, headers: TicketPagesTests.formHeaders,
                body: TicketPagesTests.form([
                    ("formID", "f1"), ("activityType", "DEADLINE"), ("customerID", "cus-ferri"), ("description", "")
                ])
            ) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains("a deadline needs its due date."))
                #expect(html.contains("a deadline needs its operator in charge."))
                #expect(html.contains("description is required"))
            }
            try await client.execute(
                uri: "/deadlines/new", method: .post, headers: TicketPagesTests.formHeaders,
                body: TicketPagesTests.form([
                    ("formID", "f2"), ("activityType", "DEADLINE"), ("customerID", "cus-ferri"),
                    ("description", "Fire extinguisher check"), ("dueDate", "2030-04-02"),
                    ("operatorInChargeID", "op-mario")
                ])
            ) { response in
                #expect(response.status == .seeOther)
            }
        }
        let deadline = try #require(
            try await fixture.store.tickets(matching: TicketSearch(activityTypeCode: "DEADLINE")).first)
        #expect(deadline.assignedOperatorID == "op-mario")
        #expect(deadline.customer.name == "Studio Dentistico Ferri")
        #expect(deadline.number == "SCA/2030/0001")
    }
}

extension DeadlinePageTests {
    @Test func aCallTypeSentToTheDeadlineForm_isRefused() async throws {
        let fixture = try await IntakeFixture()
        let user = try await fixture.session([.ticketsOpen])
        try await Application(router: fixture.router).test(.router) { client in
            try await client.authenticated(as: user).execute(
                uri: "/deadlines/new", method: .post, headers: TicketPagesTests.formHeaders,
                body: TicketPagesTests.form([
                    ("formID", "f3"), ("activityType", "REPAIR"), ("customerID", "cus-ferri"), ("description", "x"),
                    ("dueDate", "2030-04-02"), ("operatorInChargeID", "op-mario")
                ])
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("choose one of the deadline types offered"))
            }
        }
        #expect(try await fixture.store.tickets().isEmpty)
    }
}
