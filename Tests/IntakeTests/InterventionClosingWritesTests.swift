import AriannaProtocol
import Foundation
import GRDB
import ServiceKit
import Testing

@testable import IntakeService

/// What closing by an intervention writes to the ticket's row, now that the close is one cached
/// `UPDATE` of the columns it changes (issue 15 point 4): the technician becomes the operator in
/// charge of a ticket that had none, whether the intervention closes it, leaves it open (another
/// visit) or finds it already closed; the closing columns are those GRDB's `update` wrote; an
/// appointment is noted only on a ticket intake knows.
@Suite struct InterventionClosingWritesTests {
    static func intervention(
        ticketID: String, report: String, by technician: String = "op-mario",
        _ outcome: InterventionOutcome = .completed
    ) -> InterventionClosed {
        var closing = InterventionOutcomeTests.intervention(
            ticketID: ticketID, report: report, outcome,
            note: outcome == .anotherVisitNeeded ? "Pump to be ordered" : nil)
        closing.operatorID = technician
        return closing
    }

    /// The ticket's row as GRDB reads it back (the store's file, not the handler's copy).
    static func row(_ id: String, in fixture: IntakeFixture) async throws -> TicketRecord? {
        try await fixture.context.database.read { db in try TicketRecord.fetchOne(db, key: id) }
    }

    @Test func completed_closesTheRow_andMakesTheTechnicianInCharge() async throws {
        let fixture = try await IntakeFixture()
        let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)
        let before = try #require(try await Self.row(ticket.id, in: fixture))
        #expect(before.assignedOperatorID == nil)

        try await InterventionOutcomeTests.deliver(
            Self.intervention(ticketID: ticket.id, report: "r-1"), id: "e-1", to: fixture)

        let after = try #require(try await Self.row(ticket.id, in: fixture))
        let finalState = try await fixture.context.database.read { db in
            try String.fetchOne(
                db, sql: "SELECT id FROM activityState WHERE active AND isFinal ORDER BY position, code LIMIT 1")
        }
        var expected = before
        expected.assignedOperatorID = "op-mario"
        expected.state = .closed
        expected.closedAt = IntakeFixture.now
        expected.reportID = "r-1"
        expected.workedMinutes = 60
        expected.stateID = finalState
        #expect(after == expected)
        #expect(finalState != nil && finalState != before.stateID)
    }

    @Test func anotherVisit_keepsItOpen_withTheTechnicianInCharge() async throws {
        let fixture = try await IntakeFixture()
        let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)
        let before = try #require(try await Self.row(ticket.id, in: fixture))

        try await InterventionOutcomeTests.deliver(
            Self.intervention(ticketID: ticket.id, report: "r-1", .anotherVisitNeeded), id: "e-1", to: fixture)

        var expected = before
        expected.assignedOperatorID = "op-mario"
        #expect(try await Self.row(ticket.id, in: fixture) == expected)
    }

    @Test func alreadyClosed_byAnUnknownTechnician_laterReportAssignsOnly() async throws {
        let fixture = try await IntakeFixture()
        let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)

        // A technician intake does not know closes it: nobody is put in charge.
        try await InterventionOutcomeTests.deliver(
            Self.intervention(ticketID: ticket.id, report: "r-1", by: "op-unknown"), id: "e-1", to: fixture)
        let closed = try #require(try await Self.row(ticket.id, in: fixture))
        #expect(closed.state == .closed)
        #expect(closed.assignedOperatorID == nil)

        // A later report by a known technician puts them in charge and changes nothing else.
        try await InterventionOutcomeTests.deliver(
            Self.intervention(ticketID: ticket.id, report: "r-2"), id: "e-2", to: fixture)
        var expected = closed
        expected.assignedOperatorID = "op-mario"
        #expect(try await Self.row(ticket.id, in: fixture) == expected)
        #expect(try await fixture.outbox(type: TicketClosed.eventType).count == 1)
    }

    @Test func appointment_isNotedOnlyOnAKnownTicket() async throws {
        let fixture = try await IntakeFixture()
        let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)
        let handler = IntakeEventHandler(
            outbox: fixture.context.outbox, clock: fixture.context.clock, ids: fixture.context.ids)
        for (index, ticketID) in [ticket.id, "ghost"].enumerated() {
            let scheduled = AppointmentScheduled(
                appointmentID: "a-\(index)", ticketID: ticketID, ticketNumber: ticket.number, operatorID: "op-mario",
                operatorName: "Mario Rossi", title: "Repair", customer: nil,
                start: IntakeFixture.now, end: IntakeFixture.now.addingTimeInterval(3600))
            let received = ReceivedEvent(
                metadata: EventMetadata(
                    id: "e-\(index)", source: "/arianna/planner", type: AppointmentScheduled.eventType,
                    subject: "a-\(index)", time: IntakeFixture.now, correlationID: nil),
                event: .appointmentScheduled(scheduled))
            try await fixture.context.database.write { db in try handler.handle(received, in: db) }
        }
        let noted = try await fixture.context.database.read { db in
            try String.fetchAll(
                db, sql: "SELECT ticketID FROM ticketHistory WHERE eventType = ?",
                arguments: [AppointmentScheduled.eventType])
        }
        #expect(noted == [ticket.id])
    }
}
