import AriannaProtocol
import BillingDomain
import Foundation
import ServiceTestSupport
import Testing

@testable import BillingService

@Suite("Production orders and stock")
struct ProductionAndStockTests {
    static func maintenanceType() -> ActivityTypeSnapshot {
        ActivityTypeSnapshot(
            activityTypeID: "at-maint", code: "MAINT", name: "Manutenzione", macroType: .task,
            expectedDurationMinutes: 60, billable: true, colour: "#336699", active: true, registrationType: "billable",
            productionOrder: .init(documentType: "ODP", articleCode: "CALLOUT", quantity: 3))
    }

    static func opened(_ ticketID: String, type: ActivityTypeSnapshot = maintenanceType(), eventID: String? = nil)
        -> ReceivedEvent
    {
        let ticket = TicketOpened(
            ticketID: ticketID, number: "TCK/2026/\(ticketID)",
            activityType: ActivityTypeRef(
                id: type.activityTypeID, code: type.code, name: type.name,
                expectedDurationMinutes: 60, billable: true),
            customer: CustomerRef(id: "cus-42", name: "Rossi", email: nil), siteZone: "Milano", description: "x",
            channel: .callCentre, openedAt: Instant.closed)
        return ReceivedEvent(
            metadata: .new(
                for: ticket, id: eventID ?? "evt-open-\(ticketID)", source: "/arianna/intake", time: Instant.closed),
            event: .ticketOpened(ticket))
    }

    @Test func aTicketOfATypeWithAProductionOrderSetting_getsOneOrder_withItsBOMExploded() async throws {
        let service = try TestService()
        _ = try await BOMStore(database: service.database).replace(
            "CALLOUT",
            with: .init(components: [
                .init(code: "FILTER-01", quantity: 2), .init(code: "PIPE-22", quantity: 1.5)
            ]))
        try await service.deliver(.setup(Self.maintenanceType()))

        try await service.deliver(Self.opened("tck-1"))
        try await service.deliver(Self.opened("tck-1"))  // the same event again
        try await service.deliver(Self.opened("tck-1", eventID: "evt-other"))  // the same ticket under another event id

        let orders = try await service.database.read { db in try ProductionOrderRecord.fetchAll(db) }
        #expect(orders.count == 1)
        #expect(orders.first?.number == "ODP/2026/000001")
        let published = try await service.outbox().compactMap { event -> ProductionOrderCreated? in
            if case .productionOrderCreated(let order) = event.event { return order }
            return nil
        }
        #expect(published.count == 1)
        #expect(
            published.first?.components == [
                MaterialLine(articleCode: "FILTER-01", description: "Filtro caldaia", quantity: 6),
                MaterialLine(articleCode: "PIPE-22", description: "Tubo rame 22 mm", quantity: 4.5)
            ])
    }

    @Test func aTypeWithoutTheSetting_getsNoOrder() async throws {
        let service = try TestService()
        try await service.deliver(.setup(.repair()))
        try await service.deliver(Self.opened("tck-2", type: .repair()))
        #expect(try await service.database.read { db in try ProductionOrderRecord.fetchCount(db) } == 0)
    }

    @Test func issuedMaterials_leaveTheTechniciansVan_once_andMayGoNegativeWithAWarning() async throws {
        let service = try TestService()
        let stock = StockStore(database: service.database, ids: SequentialIDs("mov").generator)
        try await service.deliver(
            ReceivedEvent(
                metadata: .new(
                    for: OperatorSnapshot.mario, id: "evt-op", source: "/arianna/intake", time: Instant.closed),
                event: .operatorSnapshot(.mario)))
        _ = try await stock.book(
            .init(articleCode: "FILTER-01", quantity: 5, warehouseID: "WH-CENTRAL"), transfer: false, by: "Anna",
            at: Instant.now)
        _ = try await stock.book(
            .init(articleCode: "filter-01", quantity: 3, warehouseID: "VAN-op-mario", fromWarehouseID: "WH-CENTRAL"),
            transfer: true, by: "Anna", at: Instant.now)
        let intervention = InterventionClosed(
            reportID: "rep-1", appointmentID: "app-1", ticketID: "tck-1", operatorID: "op-mario", workDone: "x",
            workedMinutes: 60,
            materials: [
                MaterialLine(articleCode: "FILTER-01", description: "", quantity: 2),
                MaterialLine(articleCode: "PIPE-22", description: "", quantity: 1.5)
            ],
            closedAt: Instant.closed)
        for id in ["evt-rep", "evt-rep", "evt-rep-again"] {
            try await service.deliver(
                ReceivedEvent(
                    metadata: .new(for: intervention, id: id, source: "/arianna/webreport", time: Instant.closed),
                    event: .interventionClosed(intervention)))
        }

        let levels = try await stock.levels()
        #expect(
            levels.map { "\($0.warehouseID) \($0.articleCode) \($0.quantity)" } == [
                "VAN-op-mario FILTER-01 1.0", "VAN-op-mario PIPE-22 -1.5", "WH-CENTRAL FILTER-01 2.0"
            ])
        #expect(levels.filter(\.negative).map(\.articleCode) == ["PIPE-22"])
    }

    @Test func aReceiptOfAnUnknownArticle_orNothing_isRefused() async throws {
        let service = try TestService()
        let stock = StockStore(database: service.database, ids: SequentialIDs("mov").generator)
        do {
            _ = try await stock.book(
                .init(articleCode: "NOPE", quantity: 0, warehouseID: "WH-X"), transfer: false, by: "Anna",
                at: Instant.now)
            Issue.record("expected a refusal")
        } catch let error as BillingError {
            #expect(error.problems.map(\.field) == ["articleCode", "quantity", "warehouseID"])
        }
        #expect(try await stock.levels().isEmpty)
    }
}

extension OperatorSnapshot {
    static let mario = OperatorSnapshot(
        operatorID: "op-mario", name: "Mario Rossi", email: nil, groups: [], active: true)
}
