import AriannaProtocol
import BillingDomain
import Foundation
import Testing

@testable import BillingService

@Suite("Billing closed tickets")
struct BillingEventHandlerTests {
    @Test func draftsWithTheTypesArticlesHoursAndMaterials_andPublishesTheDraft() async throws {
        // Given the repair type's palette, as intake publishes it
        let service = try TestService()
        try await service.deliver(.setup(.repair()))
        // When its ticket closes
        try await service.deliver(.closed(.mock(travelMinutes: 30), id: "evt-1"))
        // Then
        let document = try await service.store.document(id: "doc-1")
        #expect(document.number == nil, "a draft is numbered only when confirmed")
        #expect(document.status == .draft)
        #expect(
            document.lines.map(\.articleCode) == [
                "CALLOUT", "BOOK-10", "LAB-HOUR", "LAB-TRAVEL", "FILTER-01", "PIPE-22", "XYZ-9"
            ])
        #expect(document.lines.last?.needsPrice == true)
        #expect(document.taxableCents == 18_050)
        #expect(document.totalCents == 21_805)

        let events = try await service.outbox()
        #expect(events.count == 1)
        guard case .billingDocumentCreated(let created) = events.first?.event else {
            Issue.record("expected billing.document.created.v1")
            return
        }
        #expect(created.number == document.label)
        #expect(created.totalCents == 18_050)
        #expect(events.first?.metadata.correlationid == "corr-1")
    }

    @Test func changesNothing_whenTheSameCloseIsRedelivered_orArrivesAgainUnderANewID() async throws {
        let service = try TestService()
        let event = ReceivedEvent.closed(.mock(), id: "evt-1")
        try await service.deliver(event)

        try await service.deliver(event)
        try await service.deliver(.closed(.mock(), id: "evt-2"))

        #expect(try await service.documentCount() == 1)
        #expect(try await service.outbox().count == 1)
    }

    @Test func createsNothing_whenTheTypeIsNotBillable() async throws {
        let service = try TestService()
        try await service.deliver(.setup(.repair(registrationType: "notBillable")))
        try await service.deliver(.closed(.mock(), id: "evt-1"))
        #expect(try await service.documentCount() == 0)
        #expect(try await service.outbox().isEmpty)
    }

    @Test func usesTheTicketsBillableFlag_whenTheTypeIsUnknownToBilling() async throws {
        let service = try TestService()
        try await service.deliver(.closed(.mock(workedMinutes: 0), id: "evt-1"))
        try await service.deliver(.closed(.mock(ticketID: "tck-2", billable: false), id: "evt-2"))

        let document = try await service.store.document(id: "doc-1")
        #expect(document.lines.map(\.articleCode) == ["FILTER-01", "PIPE-22", "XYZ-9"])
        #expect(try await service.documentCount() == 1)
    }

    @Test func warranty_chargesLabourButNotMaterials() async throws {
        let service = try TestService()
        try await service.deliver(.setup(.repair(registrationType: "warranty")))
        try await service.deliver(
            .closed(
                .mock(materials: [MaterialLine(articleCode: "FILTER-01", description: "", quantity: 1)]), id: "evt-1"))

        let document = try await service.store.document(id: "doc-1")
        #expect(document.registrationType == "warranty")
        #expect(document.lines.map(\.amountCents) == [3500, 1200, 7125, 0])
    }

    @Test func theClerksPriceRule_replacesTheDefault_forNewDrafts() async throws {
        let service = try TestService()
        try await service.deliver(.setup(.repair(registrationType: "warranty")))
        // Warranty here: materials charged at half, labour not at all
        let saved = try await service.database.write { db in
            try PriceRuleRecord.save(
                "warranty", .init(labourDiscountPercent: 100, materialsDiscountPercent: 50), in: db)
        }
        #expect(saved.labourDiscountPercent == 100)
        await #expect(throws: BillingError.self) {
            try await service.database.write { db in
                try PriceRuleRecord.save("warranty", .init(labourDiscountPercent: 120), in: db)
            }
        }

        try await service.deliver(
            .closed(
                .mock(materials: [MaterialLine(articleCode: "FILTER-01", description: "", quantity: 2)]), id: "evt-1"))

        let document = try await service.store.document(id: "doc-1")
        #expect(document.lines.map(\.amountCents) == [3500, 1200, 0, 1250])
    }
}
