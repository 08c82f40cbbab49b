import AriannaProtocol
import Foundation
import GRDB
import Testing

@testable import PlannerService
@testable import ServiceKit

/// The planner's side of a ticket's life (issue 12): a cancelled ticket takes its appointment
/// and queue entry with it; a deadline that needs no visit never reaches the queue.
@Suite struct PlannerTicketLifecycleTests {
    static func cancelled(_ id: String, number: String) -> TicketCancelled {
        TicketCancelled(
            ticketID: id, number: number, reason: "Customer fixed it", cancelledAt: PlannerFixture.start,
            cancelledBy: "Giulia Verdi")
    }

    @Test func ticketCancelled_cancelsTheLiveAppointment_once_andLeavesTheQueue() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.openTicket("t1", number: "TCK/2030/000001")
        let appointment = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))

        try await fixture.apply(.ticketCancelled(Self.cancelled("t1", number: "TCK/2030/000001")), id: "evt-cancel")
        try await fixture.apply(
            .ticketCancelled(Self.cancelled("t1", number: "TCK/2030/000001")), id: "evt-cancel-again")

        #expect(try await fixture.outboxTypes() == ["appointment.scheduled.v1", "appointment.cancelled.v1"])
        let stored = try await fixture.context.database.read { db in
            (try AppointmentRecord.fetchOne(db, key: appointment.id), try QueueEntry.fetchOne(db, key: "t1"))
        }
        #expect(stored.0?.state == .cancelled)
        #expect(stored.1?.state == .closed)
        let payload = try await fixture.context.database.read { db in
            try Data.fetchOne(db, sql: "SELECT payload FROM outbox WHERE eventType = 'appointment.cancelled.v1'")
        }
        guard case .appointmentCancelled(let event) = try EventCodec.decode([UInt8](try #require(payload))).event else {
            Issue.record("no appointment.cancelled.v1")
            return
        }
        #expect(event.ticketID == "t1")
        #expect(event.reason == "Customer fixed it")
        #expect(event.operatorID == "op-mario")
    }

    @Test func ticketCancelled_beforeScheduling_onlyLeavesTheQueue() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.openTicket("t1", number: "TCK/2030/000001")

        try await fixture.apply(.ticketCancelled(Self.cancelled("t1", number: "TCK/2030/000001")))

        #expect(try await fixture.store.unscheduledCalls().isEmpty)
        #expect(try await fixture.outboxTypes().isEmpty)
    }

    @Test func deadlineWithoutAppointment_isNotQueued_butOneThatNeedsAVisitIs() async throws {
        let fixture = try await PlannerFixture()
        var deadline = TicketOpened(
            ticketID: "d1", number: "SCA/2030/000001",
            activityType: ActivityTypeRef(
                id: "at-deadline", code: "DEADLINE", name: "Deadline", expectedDurationMinutes: 30, billable: false),
            customer: CustomerRef(id: "c1", name: "Bar Sport", email: nil), siteZone: "Milano",
            description: "Renew contract",
            channel: .api, openedAt: PlannerFixture.start, macroType: .task, dueAt: PlannerFixture.monday,
            operatorInChargeID: "op-mario", followUpOfTicketID: "t0", needsAppointment: false)
        try await fixture.apply(.ticketOpened(deadline))
        #expect(try await fixture.store.unscheduledCalls().isEmpty)

        deadline.ticketID = "d2"
        deadline.needsAppointment = true
        try await fixture.apply(.ticketOpened(deadline))
        #expect(try await fixture.store.unscheduledCalls().map(\.ticketID) == ["d2"])
    }

    @Test func ticketEdited_updatesTheQueuedDescriptionAndZone() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.openTicket("t1", number: "TCK/2030/000001")
        try await fixture.apply(
            .ticketEdited(
                TicketEdited(
                    ticketID: "t1", number: "TCK/2030/000001", version: 2, description: "Broken and leaking",
                    siteZone: "Monza",
                    dueAt: nil, contact: nil, customFields: [:], editedAt: PlannerFixture.start,
                    editedBy: "Giulia Verdi")))
        let entry = try #require(try await fixture.store.unscheduledCalls().first)
        #expect(entry.description == "Broken and leaking")
        #expect(entry.siteZone == "Monza")
    }
}
