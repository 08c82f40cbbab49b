import AriannaProtocol
import Foundation
import Testing

@testable import WebReportService

@Suite("To-do list from appointment events")
struct WebReportEventHandlerTests {
    @Test func addsAnItem_whenAnAppointmentIsScheduled() async throws {
        // Given
        let service = try TestService()
        // When
        try await service.schedule()
        // Then
        let todo = try await service.store.todo(operatorID: "op-3")
        #expect(todo.map(\.appointmentID) == ["app-5"])
        #expect(todo.first?.ticketID == "tck-123")
        #expect(todo.first?.customerName == "Rossi Impianti S.r.l.")
    }

    @Test func ordersTheList_byStart() async throws {
        // Given
        let service = try TestService()
        try await service.schedule(.mock(id: "app-late", start: Instant.afternoonStart, end: Instant.afternoonEnd), eventID: "e1")
        try await service.schedule(.mock(id: "app-early"), eventID: "e2")
        try await service.schedule(.mock(id: "app-other", operatorID: "op-9"), eventID: "e3")
        // When
        let todo = try await service.store.todo(operatorID: "op-3")
        // Then
        #expect(todo.map(\.appointmentID) == ["app-early", "app-late"])
    }

    @Test func movesTheItem_toTheNewOperatorAndTime() async throws {
        // Given
        let service = try TestService()
        try await service.schedule()
        // When
        try await service.deliver(.mock(AppointmentMoved.mock(), id: "evt-m", as: AriannaEvent.appointmentMoved))
        // Then
        #expect(try await service.store.todo(operatorID: "op-3").isEmpty)
        let moved = try #require(try await service.store.todo(operatorID: "op-4").first)
        #expect(moved.start == Instant.afternoonStart)
        #expect(moved.operatorName == "Marco Verdi")
    }

    @Test func removesTheItem_whenTheAppointmentIsCancelled() async throws {
        // Given
        let service = try TestService()
        try await service.schedule()
        // When
        try await service.deliver(.mock(AppointmentCancelled.mock(), id: "evt-c", as: AriannaEvent.appointmentCancelled))
        // Then
        #expect(try await service.store.todo(operatorID: "op-3").isEmpty)
    }

    @Test func changesNothing_whenAnUnknownAppointmentIsCancelled() async throws {
        let service = try TestService()
        try await service.deliver(.mock(AppointmentCancelled.mock(id: "app-x"), id: "evt-c", as: AriannaEvent.appointmentCancelled))
        #expect(try await service.count("todoItem") == 0)
        #expect(try await service.count("inbox") == 1, "the event is acknowledged")
    }

    @Test func ignoresTicketEvents() throws {
        let service = try TestService()
        let closed = TicketClosed(
            ticketID: "tck-123", number: "TCK/2026/000123",
            activityType: ActivityTypeRef(id: "at-7", code: "REPAIR", name: "Repair", expectedDurationMinutes: 60, billable: true),
            customer: CustomerRef(id: "cus-42", name: "Rossi", email: nil), closedAt: Instant.now, reportID: "rep-1",
            workedMinutes: 30, materials: [])
        #expect(!service.handler.handles(.mock(closed, id: "evt-t", as: AriannaEvent.ticketClosed)))
    }
}
