import AriannaProtocol
import Foundation
import Testing

@testable import PlannerService

/// An intervention that needs another visit puts its ticket back in the queue (R18): a second
/// appointment for the same ticket, with the technician's note.
@Suite struct AnotherVisitTests {
    static func intervention(_ outcome: InterventionOutcome?, note: String? = nil, appointmentID: String = "app-1")
        -> AriannaEvent
    {
        .interventionClosed(
            InterventionClosed(
                reportID: "rep-1", appointmentID: appointmentID, ticketID: "t1", operatorID: "op-mario",
                workDone: "Diagnosed",
                workedMinutes: 30, materials: [], closedAt: PlannerFixture.start, outcome: outcome, visitNote: note))
    }

    @Test func anotherVisitNeeded_putsTheTicketBackInTheQueue_withTheNote() async throws {
        // Given a scheduled call
        let fixture = try await PlannerFixture()
        try await fixture.openTicket("t1", number: "TCK/2030/000001")
        let first = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))
        #expect(try await fixture.store.unscheduledCalls().isEmpty)

        // When its technician reports that another visit is needed
        try await fixture.apply(
            Self.intervention(.anotherVisitNeeded, note: "Pump to be ordered", appointmentID: first.id))

        // Then it is unscheduled again, with the note, and can be scheduled a second time
        let queue = try await fixture.store.unscheduledCalls()
        #expect(queue.map(\.ticketID) == ["t1"])
        #expect(queue.first?.visitNote == "Pump to be ordered")
        _ = try await fixture.store.schedule(
            ScheduleRequest(
                ticketID: "t1", operatorID: "op-lucia", start: PlannerFixture.monday.addingTimeInterval(7 * 86_400)))
    }

    @Test func aCompletedIntervention_leavesTheQueueAlone() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.openTicket("t1", number: "TCK/2030/000001")
        _ = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))
        try await fixture.apply(Self.intervention(.completed))
        try await fixture.apply(Self.intervention(nil))
        #expect(try await fixture.store.unscheduledCalls().isEmpty)
    }
}
