import AriannaProtocol
import Foundation
import GRDB
import Logging
import ServiceKit
import ServiceTestSupport
import Synchronization

@testable import WebReportService

/// Web-report's "now", beside the shared moments (`Tests/Support/Fixtures.swift`).
extension Instant {
    /// 2026-11-30T11:45:00Z (12:45 in Rome): when reports are filed in these tests.
    static let now = interventionClosed
}

extension AppointmentScheduled {
    static func mock(
        id: String = "app-5", ticketID: String? = "tck-123", operatorID: String = "op-3",
        start: Date = Instant.morningStart, end: Date = Instant.morningEnd
    ) -> AppointmentScheduled {
        AppointmentScheduled(
            appointmentID: id, ticketID: ticketID, ticketNumber: ticketID.map { _ in "TCK/2026/000123" },
            operatorID: operatorID, operatorName: "Giulia Bianchi", title: "Boiler repair",
            customer: CustomerRef(id: "cus-42", name: "Rossi Impianti S.r.l.", email: nil), start: start, end: end)
    }
}

extension AppointmentMoved {
    static func mock(id: String = "app-5") -> AppointmentMoved {
        AppointmentMoved(
            appointmentID: id, ticketID: "tck-123", ticketNumber: "TCK/2026/000123", operatorID: "op-4",
            operatorName: "Marco Verdi", title: "Boiler repair", customer: nil, previousOperatorID: "op-3",
            previousStart: Instant.morningStart, previousEnd: Instant.morningEnd,
            start: Instant.afternoonStart, end: Instant.afternoonEnd)
    }
}

extension AppointmentCancelled {
    static func mock(id: String = "app-5") -> AppointmentCancelled {
        AppointmentCancelled(
            appointmentID: id, ticketID: "tck-123", ticketNumber: "TCK/2026/000123", operatorID: "op-3",
            title: "Boiler repair", customer: nil, start: Instant.morningStart, end: Instant.morningEnd, reason: "")
    }
}

extension ReceivedEvent {
    /// `event` as the consumer would hand it over, with CloudEvents id `id`.
    static func mock<E: DomainEvent>(_ event: E, id: String, as wrap: (E) -> AriannaEvent) -> ReceivedEvent {
        ReceivedEvent(
            metadata: .new(for: event, id: id, source: "/arianna/test", time: Instant.now, correlationID: nil),
            event: wrap(event))
    }
}

/// A web-report service over an in-memory store with a fixed clock and predictable ids.
struct TestService {
    let database: ServiceDatabase
    let context: ServiceContext
    let handler: WebReportEventHandler
    let store: WebReportStore

    init() throws {
        database = try ServiceDatabase.inMemory { WebReportMigrations.register(in: &$0) }
        context = ServiceContext(
            configuration: ServiceConfiguration(
                serviceName: "webreport", dataDirectory: FileManager.default.temporaryDirectory, httpPort: 0,
                timeZone: rome),
            database: database, clock: .fixed(Instant.now), ids: SequentialIDs("rep").generator,
            logger: Logger(label: "test.webreport"))
        handler = WebReportEventHandler(clock: context.clock, logger: context.logger)
        store = WebReportStore(context: context)
    }

    /// Delivers `event` the way `EventConsumerService` does: inbox check, handler and inbox
    /// record in one transaction.
    func deliver(_ event: ReceivedEvent) async throws {
        let handler = self.handler
        try await database.write { db in
            if try Inbox.contains(event.metadata.id, in: db) { return }
            if handler.handles(event) { try handler.handle(event, in: db) }
            try Inbox.record(
                eventID: event.metadata.id, eventType: event.metadata.type, topic: "arianna.test", partition: 0,
                offset: 0, at: Instant.now, in: db)
        }
    }

    func schedule(_ appointment: AppointmentScheduled = .mock(), eventID: String = "evt-s") async throws {
        try await deliver(.mock(appointment, id: eventID, as: AriannaEvent.appointmentScheduled))
    }

    /// The events waiting in the outbox, decoded.
    func outbox() async throws -> [ReceivedEvent] {
        let payloads = try await database.read { db in
            try Data.fetchAll(db, sql: "SELECT payload FROM outbox ORDER BY sequence")
        }
        return try payloads.map { try EventCodec.decode([UInt8]($0)) }
    }

    /// The `intervention.closed.v1` events in the outbox, in order (each report also publishes
    /// `intervention.report-issued.v1` just before).
    func closedEvents() async throws -> [InterventionClosed] {
        try await outbox().compactMap { if case .interventionClosed(let closed) = $0.event { closed } else { nil } }
    }

    /// The outbox's rows as (event type, message key), in publishing order.
    func outboxTypesAndKeys() async throws -> [(type: String, key: String)] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT eventType, messageKey FROM outbox ORDER BY sequence").map {
                ($0["eventType"], $0["messageKey"])
            }
        }
    }

    func count(_ table: String) async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }
}

extension WebReportStore {
    /// The whole of an operator's open appointments (one page of up to 200).
    func todo(operatorID: String, access: AppointmentAccess) async throws -> [TodoItemView] {
        try await todo(operatorID: operatorID, page: PageRequest(limit: 200), access: access).items
    }

    /// The whole of an operator's open deadlines (one page of up to 200).
    func deadlines(operatorID: String, access: AppointmentAccess) async throws -> [DeadlineView] {
        try await deadlines(operatorID: operatorID, page: PageRequest(limit: 200), access: access).items
    }
}

extension AppointmentAccess {
    /// The back office: any operator's appointments.
    static let backOffice = AppointmentAccess(operatorID: nil, isBackOffice: true, name: "Back office")
    /// The technician op-3, owner of the mock appointment.
    static let giulia = AppointmentAccess(operatorID: "op-3", isBackOffice: false, name: "Giulia Bianchi")
}

extension ReportDraft.Session {
    /// 09:00–10:00Z with 20 minutes of travel, then 10:15–10:50Z.
    static let morning: [ReportDraft.Session] = [
        .init(start: Instant.morningStart, end: Instant.morningStart.addingTimeInterval(3600), travelMinutes: 20),
        .init(start: Instant.morningStart.addingTimeInterval(4500), end: Instant.morningStart.addingTimeInterval(6600))
    ]
}

extension TicketOpened {
    static func mock(ticketID: String = "tck-123", dueAt: Date? = nil, operatorInChargeID: String? = nil)
        -> TicketOpened
    {
        TicketOpened(
            ticketID: ticketID, number: "TCK/2026/000123",
            activityType: ActivityTypeRef(
                id: "at-7", code: "MAINT", name: "Boiler maintenance", expectedDurationMinutes: 90, billable: true),
            customer: CustomerRef(id: "cus-42", name: "Rossi Impianti S.r.l.", email: nil), siteZone: "Milano Nord",
            description: "Boiler makes a knocking noise", channel: .callCentre,
            openedAt: Instant.morningStart.addingTimeInterval(-86_400),
            dueAt: dueAt, operatorInChargeID: operatorInChargeID)
    }
}

extension ArticleSnapshot {
    static func mock(code: String, description: String, active: Bool = true) -> ArticleSnapshot {
        ArticleSnapshot(
            code: code, description: description, descriptionEN: nil, unit: "pz", unitPriceCents: 1_000,
            vatRatePercent: 22, kind: .material, active: active)
    }
}
