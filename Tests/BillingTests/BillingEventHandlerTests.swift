import AriannaProtocol
import Foundation
import Testing

@testable import BillingService

@Suite("Billing closed tickets")
struct BillingEventHandlerTests {
    @Test func createsOneDraft_andPublishesIt_whenABillableTicketCloses() async throws {
        // Given
        let service = try TestService()
        // When
        try await service.deliver(.closed(.mock(), id: "evt-1"))
        // Then
        let document = try await service.store.document(id: "doc-1")
        #expect(document.number == "FAT/2026/000001")
        #expect(document.status == .draft)
        #expect(document.ticketID == "tck-123")
        #expect(document.customer.name == "Rossi Impianti S.r.l.")
        #expect(document.lines.map(\.amountCents) == [7125, 2500, 2225, 0])
        #expect(document.lines.map(\.articleCode) == ["LAB-HOUR", "FILTER-01", "PIPE-22", nil])
        #expect(document.lines.last?.description == "XYZ-9 Special valve (price not set)")
        #expect(document.totalCents == 11_850)
        #expect(document.createdAt == Instant.now)

        let events = try await service.outbox()
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.metadata.correlationid == "corr-1")
        guard case .billingDocumentCreated(let created) = event.event else {
            Issue.record("expected billing.document.created.v1, got \(event.event)")
            return
        }
        #expect(created.documentID == "doc-1")
        #expect(created.number == "FAT/2026/000001")
        #expect(created.status == "draft")
        #expect(created.totalCents == 11_850)
        #expect(created.lines.count == 4)
    }

    @Test func changesNothing_whenTheSameCloseIsRedelivered() async throws {
        // Given
        let service = try TestService()
        let event = ReceivedEvent.closed(.mock(), id: "evt-1")
        try await service.deliver(event)
        // When
        try await service.deliver(event)
        // Then
        #expect(try await service.documentCount() == 1)
        #expect(try await service.outbox().count == 1)
    }

    @Test func changesNothing_andBurnsNoNumber_whenADuplicateCloseArrivesWithANewEventID() async throws {
        // Given
        let service = try TestService()
        try await service.deliver(.closed(.mock(), id: "evt-1"))
        // When: the same ticket closed again under another event id, then another ticket
        try await service.deliver(.closed(.mock(), id: "evt-2"))
        try await service.deliver(.closed(.mock(ticketID: "tck-124"), id: "evt-3"))
        // Then
        let documents = try await service.store.documents()
        #expect(documents.map(\.number) == ["FAT/2026/000002", "FAT/2026/000001"])
        #expect(documents.map(\.ticketID) == ["tck-124", "tck-123"])
        #expect(try await service.outbox().count == 2)
    }

    @Test func createsNothing_whenTheTicketIsNotBillable() async throws {
        let service = try TestService()
        try await service.deliver(.closed(.mock(billable: false), id: "evt-1"))
        #expect(try await service.documentCount() == 0)
        #expect(try await service.outbox().isEmpty)
    }

    @Test func numbersByTheCompanysYear() async throws {
        // Given: 23:30 UTC on 31 December is already New Year in Rome
        let service = try TestService(now: Instant.newYearsEveUTC)
        // When
        try await service.deliver(.closed(.mock(), id: "evt-1"))
        // Then
        #expect(try await service.store.documents().first?.number == "FAT/2027/000001")
    }

    @Test func billsOnlyMaterials_whenNoTimeWasWorked() async throws {
        let service = try TestService()
        try await service.deliver(.closed(.mock(workedMinutes: 0), id: "evt-1"))
        let document = try await service.store.document(id: "doc-1")
        #expect(document.lines.map(\.articleCode) == ["FILTER-01", "PIPE-22", nil])
        #expect(try await service.outbox().count == 1, "the event passes the payload rules")
    }
}
