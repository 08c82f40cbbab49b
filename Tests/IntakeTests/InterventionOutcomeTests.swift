import AriannaProtocol
import Foundation
import ServiceKit
import Testing

@testable import IntakeService

/// What intake does with an intervention's outcome (R18): completed closes the ticket and
/// carries the travel on `ticket.closed.v1`; another visit needed leaves it open with the note
/// in its history.
@Suite struct InterventionOutcomeTests {
    static func deliver(_ intervention: InterventionClosed, id: String, to fixture: IntakeFixture) async throws {
        let handler = IntakeEventHandler(
            outbox: fixture.context.outbox, clock: fixture.context.clock, ids: fixture.context.ids)
        let received = ReceivedEvent(
            metadata: EventMetadata(
                id: id, source: "/arianna/webreport", type: InterventionClosed.eventType,
                subject: intervention.ticketID, time: IntakeFixture.now, correlationID: nil),
            event: .interventionClosed(intervention))
        try await fixture.context.database.write { db in try handler.handle(received, in: db) }
    }

    static func intervention(ticketID: String, report: String, _ outcome: InterventionOutcome, note: String? = nil)
        -> InterventionClosed
    {
        InterventionClosed(
            reportID: report, appointmentID: "a-\(report)", ticketID: ticketID, operatorID: "op-mario",
            workDone: "Worked",
            workedMinutes: 60, materials: [], closedAt: IntakeFixture.now, outcome: outcome, visitNote: note,
            sessions: [
                WorkSession(
                    start: IntakeFixture.now.addingTimeInterval(-3600), end: IntakeFixture.now, travelMinutes: 25)
            ],
            travelMinutes: 25)
    }

    @Test func anotherVisitNeeded_keepsTheTicketOpen_andNotesWhy() async throws {
        // Given an open ticket
        let fixture = try await IntakeFixture()
        let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)

        // When the first visit needs another one
        try await Self.deliver(
            Self.intervention(ticketID: ticket.id, report: "r-1", .anotherVisitNeeded, note: "Pump to be ordered"),
            id: "e-1", to: fixture)

        // Then the ticket stays open, nothing is published, and the history has the note
        #expect(try await fixture.store.ticket(id: ticket.id).state == .open)
        #expect(try await fixture.outbox(type: TicketClosed.eventType).isEmpty)
        let history = try await fixture.store.history(ofTicket: ticket.id)
        #expect(history.last?.summary.contains("Pump to be ordered") == true)

        // And when the second visit completes it, it closes with the travel copied
        try await Self.deliver(
            Self.intervention(ticketID: ticket.id, report: "r-2", .completed), id: "e-2", to: fixture)
        #expect(try await fixture.store.ticket(id: ticket.id).state == .closed)
        let events = try await fixture.outbox(type: TicketClosed.eventType)
        guard case .ticketClosed(let closed)? = events.first?.event else {
            Issue.record("no ticket.closed")
            return
        }
        #expect(events.count == 1)
        #expect(closed.reportID == "r-2")
        #expect(closed.travelMinutes == 25)
    }
}
