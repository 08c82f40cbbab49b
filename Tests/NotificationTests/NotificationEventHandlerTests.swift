import AriannaProtocol
import Foundation
import ServiceTestSupport
import Testing

@testable import NotificationService

@Suite("Notification event handler")
struct NotificationEventHandlerTests {
    @Test func queuesOneEmail_whenATicketIsOpened() async throws {
        // Given
        let service = try TestService()
        // When
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-1", as: AriannaEvent.ticketOpened))
        // Then
        let job = try #require(try await service.jobs().first)
        #expect(try await service.jobs().count == 1)
        #expect(job.kind == .ticketOpened)
        #expect(job.eventID == "evt-1")
        #expect(job.recipient == "facilities@rossi.example")
        #expect(job.status == .queued)
        #expect(job.nextAttemptAt == Instant.now)
        #expect(job.facts.ticketNumber == "TCK/2026/000123")
    }

    @Test func queuesOneEmail_whenTheSameEventIsDeliveredTwice() async throws {
        // Given
        let service = try TestService()
        try await service.knowTicket()
        let event = ReceivedEvent.mock(AppointmentScheduled.mock(), id: "evt-2", as: AriannaEvent.appointmentScheduled)
        // When
        let first = try await service.deliver(event)
        let second = try await service.deliver(event)
        // Then
        #expect(first)
        #expect(!second)
        // one for the customer, one (refused: unknown operator) for the technician, none twice
        #expect(try await service.jobs().map(\.recipientRole) == [.customer, .technician])
    }

    @Test func queuesOneEmail_evenWhenTheInboxIsBypassed() async throws {
        // Given: the handler applied twice in separate transactions (e.g. a replay after the inbox was pruned)
        let service = try TestService()
        let event = ReceivedEvent.mock(TicketOpened.mock(), id: "evt-3", as: AriannaEvent.ticketOpened)
        let handler = service.handler
        // When
        for _ in 0..<2 {
            try await service.database.write { db in try handler.handle(event, in: db) }
        }
        // Then
        #expect(try await service.jobs().count == 1)
    }

    @Test func recordsTheReasonOnAFailedJob_whenTheCustomerHasNoEmail() async throws {
        // Given
        let service = try TestService()
        // When
        let applied = try await service.deliver(
            .mock(TicketOpened.mock(customer: .mock(email: nil)), id: "evt-4", as: AriannaEvent.ticketOpened))
        // Then
        #expect(applied)
        let job = try #require(try await service.jobs().first)
        #expect(job.status == .failed)
        #expect(job.recipient == "customer:cus-42")
        #expect(job.nextAttemptAt == nil)
        #expect(job.lastError == "Il cliente non ha un indirizzo email / The customer has no email address")
    }

    @Test func queuesNothingSendable_whenTheAddressCouldInjectHeaders() async throws {
        // Given
        let service = try TestService()
        let hostile = CustomerRef.mock(email: "a@b.example\r\nBcc: everyone@example.com")
        // When
        try await service.deliver(
            .mock(TicketOpened.mock(customer: hostile), id: "evt-5", as: AriannaEvent.ticketOpened))
        // Then
        let jobs = try await service.jobs()
        #expect(jobs.map(\.status) == [.failed])
        #expect(jobs.first?.recipient == "customer:cus-42")
        #expect(jobs.first?.lastError?.contains("not a valid email address") == true)
    }

    @Test func queuesNoCustomerJob_whenTheAppointmentHasNoCustomer() async throws {
        // Given
        let service = try TestService()
        // When
        try await service.knowTicket()
        try await service.deliver(
            .mock(AppointmentScheduled.mock(customer: nil), id: "evt-6", as: AriannaEvent.appointmentScheduled))
        // Then only the technician's (refused: notification never saw operator op-3)
        let jobs = try await service.jobs()
        #expect(jobs.map(\.recipientRole) == [.technician])
        #expect(jobs.first?.lastError == "Operatore sconosciuto / Unknown operator op-3")
    }

    @Test func namesTheTechnician_whenAScheduledAppointmentIsCancelled() async throws {
        // Given
        let service = try TestService()
        try await service.knowTicket()
        try await service.deliver(
            .mock(AppointmentScheduled.mock(), id: "evt-7", as: AriannaEvent.appointmentScheduled))
        // When
        try await service.deliver(
            .mock(AppointmentCancelled.mock(), id: "evt-8", as: AriannaEvent.appointmentCancelled))
        // Then
        let jobs = try await service.jobs().filter { $0.recipientRole == .customer }
        #expect(jobs.map(\.kind) == [.appointmentScheduled, .appointmentCancelled])
        #expect(jobs.last?.facts.technicianName == "Giulia Bianchi")
        #expect(jobs.last?.facts.reason == "Customer asked to postpone")
    }

    @Test func keepsTheOldSlot_whenAnAppointmentMoves() async throws {
        // Given
        let service = try TestService()
        // When
        try await service.knowTicket()
        try await service.deliver(.mock(AppointmentMoved.mock(), id: "evt-9", as: AriannaEvent.appointmentMoved))
        // Then
        let job = try #require(try await service.jobs().first)
        #expect(job.kind == .appointmentMoved)
        #expect(job.facts.previousStart == Instant.morningStart)
        #expect(job.facts.start == Instant.afternoonStart)
        #expect(job.facts.technicianName == "Marco Verdi")
    }

    @Test func ignoresTicketClosed() throws {
        // Given
        let service = try TestService()
        let closed = TicketClosed(
            ticketID: "tck-123", number: "TCK/2026/000123",
            activityType: ActivityTypeRef(
                id: "at-7", code: "REPAIR", name: "Repair", expectedDurationMinutes: 60, billable: true),
            customer: .mock(), closedAt: Instant.now, reportID: nil, workedMinutes: 30, materials: [])
        // Then
        #expect(!service.handler.handles(.mock(closed, id: "evt-10", as: AriannaEvent.ticketClosed)))
    }
}
