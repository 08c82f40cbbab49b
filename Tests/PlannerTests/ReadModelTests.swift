import AriannaProtocol
import Foundation
import GRDB
import PlannerDomain
import Testing

@testable import PlannerService

/// What other services' events change in the planner's copy of a ticket, written through the
/// records' columns (`Store/PlannerStore+ReadModel.swift`), and the generation job requeued at
/// start-up: each change lands on its row only and a redelivered event changes nothing more.
@Suite struct ReadModelTests {
    static func closed(_ ticketID: String) -> AriannaEvent {
        .ticketClosed(
            TicketClosed(
                ticketID: ticketID, number: "TCK/2030/\(ticketID)",
                activityType: ActivityTypeRef(
                    id: "at-repair", code: "REPAIR", name: "Repair", expectedDurationMinutes: 60, billable: true),
                customer: CustomerRef(id: "c-\(ticketID)", name: "Customer \(ticketID)", email: nil),
                closedAt: PlannerFixture.start, reportID: nil, workedMinutes: 0, materials: []))
    }

    @Test func aClosedTicket_leavesTheQueue_andOnlyItsOwnCall() async throws {
        let fixture = try await PlannerFixture(generate: false)
        try await fixture.openTicket("t1", number: "TCK/2030/000001")
        try await fixture.openTicket("t2", number: "TCK/2030/000002")

        try await fixture.apply(Self.closed("t1"))
        try await fixture.apply(Self.closed("t1"))

        #expect(try await fixture.store.unscheduledCalls().map(\.ticketID) == ["t2"])
        #expect(try await fixture.store.queueEntry(ticketID: "t1")?.state == .closed)
    }

    @Test func anotherVisit_neverReopensAClosedTicket() async throws {
        let fixture = try await PlannerFixture(generate: false)
        try await fixture.openTicket("t1", number: "TCK/2030/000001")
        try await fixture.apply(Self.closed("t1"))

        try await fixture.apply(AnotherVisitTests.intervention(.anotherVisitNeeded, note: "Too late"))

        let entry = try await fixture.store.queueEntry(ticketID: "t1")
        #expect(entry?.state == .closed)
        #expect(entry?.visitNote == nil)
    }

    @Test func aReport_marksItsAppointmentOnce_keepingTheFirstTime() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.openTicket("t1", number: "TCK/2030/000001")
        let appointment = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))
        let later = PlannerFixture.start.addingTimeInterval(3_600)

        try await fixture.context.database.write { db in
            try PlannerStore.markReported(appointmentID: appointment.id, at: PlannerFixture.start, in: db)
            try PlannerStore.markReported(appointmentID: appointment.id, at: later, in: db)
        }

        let reportedAt = try await fixture.context.database.read { db in
            try Date.fetchOne(
                db, AppointmentRecord.filter(key: appointment.id).select(AppointmentRecord.Columns.reportedAt))
        }
        #expect(reportedAt == PlannerFixture.start)
    }

    @Test func anInterruptedGeneration_isQueuedAgainFromTheStart() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let job = try await fixture.availability.startGeneration(
            GeneratePresences(from: try #require(LocalDate("2030-03-01")), to: try #require(LocalDate("2030-03-31"))))
        try await fixture.context.database.write { db in
            var running = try #require(try GenerationJobRecord.fetchOne(db, key: job.id))
            running.state = .running
            running.processed = 1
            running.created = 20
            running.unchanged = 3
            try running.update(db)
        }

        try await fixture.availability.requeueInterruptedGenerations()

        let requeued = try await fixture.context.database.read { db in try GenerationJobRecord.fetchOne(db, key: job.id)
        }
        #expect(requeued?.state == .pending)
        #expect(requeued?.processed == 0)
        #expect(requeued?.created == 0)
        #expect(requeued?.unchanged == 0)
    }
}
