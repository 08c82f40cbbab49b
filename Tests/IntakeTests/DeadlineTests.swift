import Foundation
import GRDB
import Testing
import AriannaProtocol
@testable import IntakeService
@testable import ServiceKit

/// Deadlines (macro type task, R5, issue 12): their own sequence, an operator in charge and a due
/// date, never queued for a visit.
@Suite struct DeadlineTests {
    func withDeadlineType(_ fixture: IntakeFixture) async throws {
        try await fixture.context.database.write { db in
            try SequenceDefinitionRecord(prefix: "SCA", name: "Scadenze", padding: 4, active: true).insert(db)
            try ActivityTypeRecord(
                id: "at-deadline", code: "DEADLINE", name: "Scadenza", macroType: .task, expectedDurationMinutes: 30,
                billable: false, colour: "#8c564b", numberingPrefix: "SCA", active: true).insert(db)
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
        guard case .ticketOpened(let opened) = events.last?.event else { Issue.record("no ticket.opened.v1"); return }
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

        let error = await #expect(throws: IntakeError.self) { try await fixture.store.openTicket(request, channel: .api) }

        #expect(error?.problems.map(\.en) == [
            "dueAt: a deadline needs its due date.", "operatorInChargeID: a deadline needs its operator in charge.",
        ])
        #expect(try await fixture.outbox(type: TicketOpened.eventType).isEmpty)
    }
}
