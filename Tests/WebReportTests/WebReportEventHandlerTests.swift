import AriannaProtocol
import Foundation
import ServiceTestSupport
import Testing
import WebReportDomain

@testable import WebReportService

@Suite("To-do list from appointment events")
struct WebReportEventHandlerTests {
    @Test func addsAnItem_whenAnAppointmentIsScheduled() async throws {
        // Given
        let service = try TestService()
        // When
        try await service.schedule()
        // Then
        let todo = try await service.store.todo(operatorID: "op-3", access: .backOffice)
        #expect(todo.map(\.appointmentID) == ["app-5"])
        #expect(todo.first?.ticketID == "tck-123")
        #expect(todo.first?.customerName == "Rossi Impianti S.r.l.")
    }

    @Test func ordersTheList_byStart() async throws {
        // Given
        let service = try TestService()
        try await service.schedule(
            .mock(id: "app-late", start: Instant.afternoonStart, end: Instant.afternoonEnd), eventID: "e1")
        try await service.schedule(.mock(id: "app-early"), eventID: "e2")
        try await service.schedule(.mock(id: "app-other", operatorID: "op-9"), eventID: "e3")
        // When
        let todo = try await service.store.todo(operatorID: "op-3", access: .backOffice)
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
        #expect(try await service.store.todo(operatorID: "op-3", access: .backOffice).isEmpty)
        let moved = try #require(try await service.store.todo(operatorID: "op-4", access: .backOffice).first)
        #expect(moved.start == Instant.afternoonStart)
        #expect(moved.operatorName == "Marco Verdi")
    }

    @Test func removesTheItem_whenTheAppointmentIsCancelled() async throws {
        // Given
        let service = try TestService()
        try await service.schedule()
        // When
        try await service.deliver(
            .mock(AppointmentCancelled.mock(), id: "evt-c", as: AriannaEvent.appointmentCancelled))
        // Then
        #expect(try await service.store.todo(operatorID: "op-3", access: .backOffice).isEmpty)
    }

    @Test func changesNothing_whenAnUnknownAppointmentIsCancelled() async throws {
        let service = try TestService()
        try await service.deliver(
            .mock(AppointmentCancelled.mock(id: "app-x"), id: "evt-c", as: AriannaEvent.appointmentCancelled))
        #expect(try await service.count("todoItem") == 0)
        #expect(try await service.count("inbox") == 1, "the event is acknowledged")
    }

    @Test func keepsTicketsHistoryAndSetup_forTheAppointmentPage() async throws {
        // Given a ticket, its customer and activity type, then its appointment
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-t", as: AriannaEvent.ticketOpened))
        try await service.deliver(
            .mock(
                CustomerSnapshot(
                    customerID: "cus-42", name: "Rossi Impianti S.r.l.", email: nil, phone: "+39 02 1234567",
                    active: true,
                    sites: [
                        .init(
                            siteID: "s1", name: "Sede", address: "Via Roma 1, Milano", zone: "Milano Nord", active: true
                        )
                    ]),
                id: "evt-c", as: AriannaEvent.customerSnapshot))
        try await service.deliver(
            .mock(
                ActivityTypeSnapshot(
                    activityTypeID: "at-7", code: "MAINT", name: "Boiler maintenance", macroType: .appointment,
                    expectedDurationMinutes: 90, billable: true, colour: "#1f77b4", active: true,
                    billingArticles: [
                        .init(code: "CALL-FEE", description: "Diritto di chiamata", quantity: 1, unitPriceCents: 3_500)
                    ]),
                id: "evt-at", as: AriannaEvent.activityTypeSnapshot))
        try await service.schedule()

        // When the page reads the appointment
        let detail = try await service.store.appointment("app-5", access: .giulia)

        // Then it has the ticket, the customer's phone and site, the type's articles and the history
        #expect(detail.line.ticket?.description == "Boiler makes a knocking noise")
        #expect(detail.line.customer?.phone == "+39 02 1234567")
        #expect(detail.line.customer?.address(inZone: "Milano Nord") == "Via Roma 1, Milano")
        #expect(detail.line.type?.billingArticles.map(\.code) == ["CALL-FEE"])
        #expect(detail.history.map(\.kind) == [.opened, .scheduled])

        // And someone else may not read it
        await #expect(throws: WebReportError.notYourAppointment(user: "Marco")) {
            try await service.store.appointment(
                "app-5", access: AppointmentAccess(operatorID: "op-4", isBackOffice: false, name: "Marco"))
        }
    }

    @Test func aDeadline_isOnItsOperatorInChargesList_untilTheTicketCloses() async throws {
        let service = try TestService()
        try await service.deliver(
            .mock(
                TicketOpened.mock(ticketID: "tck-9", dueAt: Instant.afternoonStart, operatorInChargeID: "op-3"),
                id: "evt-t", as: AriannaEvent.ticketOpened))
        let until = Instant.afternoonEnd
        #expect(
            try await service.store.agenda(operatorID: "op-3", from: Instant.now, until: until, now: Instant.now)
                .deadlines.map(\.ticket.ticketID) == ["tck-9"])
        #expect(
            try await service.store.agenda(operatorID: "op-4", from: Instant.now, until: until, now: Instant.now)
                .deadlines.isEmpty)
        // The JSON list has it however far away it is due, and only for its operator
        let far = try await service.store.deadlines(operatorID: "op-3", access: .backOffice)
        #expect(far.map(\.ticketID) == ["tck-9"])
        #expect(far.first?.dueAt == Instant.afternoonStart)
        #expect(try await service.store.deadlines(operatorID: "op-4", access: .backOffice).isEmpty)
        await #expect(throws: WebReportError.self) {
            try await service.store.deadlines(
                operatorID: "op-3", access: AppointmentAccess(operatorID: "op-4", isBackOffice: false, name: "Marco"))
        }

        try await service.deliver(
            .mock(
                TicketClosed(
                    ticketID: "tck-9", number: "TCK/2026/000009",
                    activityType: ActivityTypeRef(
                        id: "at-7", code: "MAINT", name: "Maintenance", expectedDurationMinutes: 60, billable: true),
                    customer: CustomerRef(id: "cus-42", name: "Rossi", email: nil), closedAt: Instant.now,
                    reportID: nil,
                    workedMinutes: 0, materials: []),
                id: "evt-tc", as: AriannaEvent.ticketClosed))
        #expect(
            try await service.store.agenda(operatorID: "op-3", from: Instant.now, until: until, now: Instant.now)
                .deadlines.isEmpty)
        #expect(try await service.store.deadlines(operatorID: "op-3", access: .backOffice).isEmpty)
    }
}
