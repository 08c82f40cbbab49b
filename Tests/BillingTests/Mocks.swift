import AriannaProtocol
import BillingDomain
import Foundation
import GRDB
import Logging
import ServiceKit
import ServiceTestSupport
import Synchronization

@testable import BillingService

/// Billing's moments, beside the shared ones (`Tests/Support/Fixtures.swift`).
extension Instant {
    /// 2026-11-30T11:45:00Z: when the ticket was closed.
    static let closed = interventionClosed
    /// 2026-11-30T12:00:00Z: when billing handles it.
    static let now = Date(timeIntervalSinceReferenceDate: 817_732_800)
}

extension TicketClosed {
    /// Billing's closed ticket: a repair call (a warranty call when not `billable`) with three
    /// materials, one of them unknown to the catalogue.
    static func mock(
        ticketID: String = "tck-123", billable: Bool = true, workedMinutes: Int = 95, travelMinutes: Int? = nil,
        materials: [MaterialLine] = [
            MaterialLine(articleCode: "FILTER-01", description: "Boiler filter", quantity: 2),
            MaterialLine(articleCode: "pipe-22", description: "Copper pipe (m)", quantity: 2.5),
            MaterialLine(articleCode: "XYZ-9", description: "Special valve", quantity: 1)
        ]
    ) -> TicketClosed {
        TicketClosed.mock(
            ticketID: ticketID, number: "TCK/2026/\(ticketID.suffix(6))",
            activityType: .mock(
                id: "at-repair", code: billable ? "REPAIR" : "WARRANTY", name: "Repair call",
                expectedDurationMinutes: 60, billable: billable),
            closedAt: Instant.closed, workedMinutes: workedMinutes, materials: materials, travelMinutes: travelMinutes)
    }
}

extension ActivityTypeSnapshot {
    /// The repair type with a call-out fee and a logbook on its billing palette.
    static func repair(registrationType: String? = "billable") -> ActivityTypeSnapshot {
        ActivityTypeSnapshot(
            activityTypeID: "at-repair", code: "REPAIR", name: "Repair call", macroType: .appointment,
            expectedDurationMinutes: 60, billable: registrationType != "notBillable", colour: "#336699", active: true,
            registrationType: registrationType.map(ActivityTypeSnapshot.RegistrationType.init(rawValue:)),
            billingArticles: [
                .init(code: "CALLOUT", description: "Diritto di chiamata", quantity: 1, unitPriceCents: 0),
                .init(code: "BOOK-10", description: "Libretto", quantity: 1, unitPriceCents: 1200)
            ])
    }
}

extension ReceivedEvent {
    /// A setup snapshot as the consumer would hand it over.
    static func setup(_ snapshot: ActivityTypeSnapshot, id: String = "evt-type") -> ReceivedEvent {
        .mock(snapshot, id: id, as: AriannaEvent.activityTypeSnapshot, time: Instant.closed, source: "/arianna/intake")
    }

    /// `ticket.closed.v1` as the consumer would hand it over, with CloudEvents id `id`.
    static func closed(_ ticket: TicketClosed, id: String) -> ReceivedEvent {
        .mock(
            ticket, id: id, as: AriannaEvent.ticketClosed, time: Instant.closed, source: "/arianna/intake",
            correlationID: "corr-1")
    }
}

/// A billing service over an in-memory store with a fixed clock and predictable ids.
struct TestService {
    let database: ServiceDatabase
    let context: ServiceContext
    let handler: BillingEventHandler
    let store: BillingStore

    init(now: Date = Instant.now, withCatalogue: Bool = true, onDisk: Bool = false) throws {
        if onDisk {
            let url = FileManager.default.temporaryDirectory
                .appendingPathComponent("billing-test-\(UUID().uuidString)").appendingPathComponent("billing.sqlite")
            database = try ServiceDatabase(url: url) { BillingMigrations.register(in: &$0) }
        } else {
            database = try ServiceDatabase.inMemory { BillingMigrations.register(in: &$0) }
        }
        context = ServiceContext(
            configuration: ServiceConfiguration(
                serviceName: "billing", dataDirectory: FileManager.default.temporaryDirectory, httpPort: 0,
                timeZone: rome),
            database: database, clock: .fixed(now), ids: SequentialIDs("evt").generator,
            logger: Logger(label: "test.billing"))
        // Documents get their own sequence (doc-1, doc-2…), events another.
        handler = BillingEventHandler(
            outbox: context.outbox, clock: context.clock, ids: SequentialIDs("doc").generator, timeZone: rome,
            logger: context.logger)
        store = BillingStore(database: database, outbox: context.outbox, timeZone: rome)
        if withCatalogue {
            try database.writer.write { db in
                for article in TestCatalogue.articles { try article.insert(db) }
            }
        }
    }

    /// Delivers `event` the way `EventConsumerService` does (`ServiceDatabase.deliver`, in
    /// `Tests/Support`).
    func deliver(_ event: ReceivedEvent) async throws {
        try await database.deliver(event, to: handler, at: Instant.now)
    }

    /// The events waiting in the outbox, decoded (which also checks they pass the payload rules).
    func outbox() async throws -> [ReceivedEvent] {
        let payloads = try await database.read { db in
            try Data.fetchAll(db, sql: "SELECT payload FROM outbox ORDER BY sequence")
        }
        return try payloads.map { try EventCodec.decode([UInt8]($0)) }
    }

    func documentCount() async throws -> Int {
        try await database.read { db in try BillingDocumentRecord.fetchCount(db) }
    }
}

/// The articles the tests price with, written straight into the store (no snapshot events).
enum TestCatalogue {
    static let articles: [ArticleRecord] = [
        ArticleRecord(
            code: "LAB-HOUR", description: "Manodopera (ore)", descriptionEN: "Labour (hours)", unit: "h",
            unitPriceCents: 4500, vatRatePercent: 22, kind: .labour, active: true),
        ArticleRecord(
            code: "LAB-TRAVEL", description: "Viaggio (ore)", descriptionEN: "Travel (hours)", unit: "h",
            unitPriceCents: 3000, vatRatePercent: 22, kind: .labour, active: true),
        ArticleRecord(
            code: "FILTER-01", description: "Filtro caldaia", descriptionEN: "Boiler filter", unit: "pz",
            unitPriceCents: 1250, vatRatePercent: 22, kind: .material, active: true),
        ArticleRecord(
            code: "PIPE-22", description: "Tubo rame 22 mm", descriptionEN: "Copper pipe 22 mm", unit: "m",
            unitPriceCents: 890, vatRatePercent: 22, kind: .material, active: true),
        ArticleRecord(
            code: "CALLOUT", description: "Diritto di chiamata", descriptionEN: "Call-out fee", unit: "pz",
            unitPriceCents: 3500, vatRatePercent: 22, kind: .service, active: true),
        ArticleRecord(
            code: "BOOK-10", description: "Libretto impianto", descriptionEN: "System logbook", unit: "pz",
            unitPriceCents: 1000, vatRatePercent: 4, kind: .material, active: true)
    ]
}
