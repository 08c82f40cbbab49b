import AriannaProtocol
import Foundation
import GRDB
import Logging
import ServiceKit
import ServiceTestSupport
import Synchronization
import WebReportDomain

@testable import WebReportService

/// Web-report's "now", beside the shared moments (`Tests/Support/Fixtures.swift`).
extension Instant {
    /// 2026-11-30T11:45:00Z (12:45 in Rome): when reports are filed in these tests.
    static let now = interventionClosed
}

extension AppointmentScheduled {
    /// Web-report's appointment: a boiler repair for a customer without an email address; a
    /// ticket number only when there is a ticket.
    static func mock(
        id: String = "app-5", ticketID: String? = "tck-123", operatorID: String = "op-3",
        start: Date = Instant.morningStart, end: Date = Instant.morningEnd
    ) -> AppointmentScheduled {
        AppointmentScheduled.mock(
            appointmentID: id, ticketID: ticketID, ticketNumber: ticketID.map { _ in "TCK/2026/000123" },
            operatorID: operatorID, title: "Boiler repair", customer: .mock(email: nil), start: start, end: end)
    }
}

extension AppointmentMoved {
    /// Web-report's boiler repair `id`, moved to Marco Verdi the next afternoon (no customer).
    static func mock(id: String = "app-5") -> AppointmentMoved {
        AppointmentMoved.mock(appointmentID: id, title: "Boiler repair", customer: nil)
    }
}

extension AppointmentCancelled {
    /// Web-report's boiler repair `id` for the ticket, cancelled without a reason.
    static func mock(id: String = "app-5") -> AppointmentCancelled {
        AppointmentCancelled.mock(
            appointmentID: id, ticketID: "tck-123", ticketNumber: "TCK/2026/000123", operatorID: "op-3",
            title: "Boiler repair", start: Instant.morningStart, end: Instant.morningEnd, reason: "")
    }
}

extension ReceivedEvent {
    /// `event` as the consumer would hand it over "now", with CloudEvents id `id`.
    static func mock<E: DomainEvent>(_ event: E, id: String, as wrap: (E) -> AriannaEvent) -> ReceivedEvent {
        ReceivedEvent.mock(event, id: id, as: wrap, time: Instant.now)
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

    /// Delivers `event` the way `EventConsumerService` does (`ServiceDatabase.deliver`, in
    /// `Tests/Support`).
    func deliver(_ event: ReceivedEvent) async throws {
        try await database.deliver(event, to: handler, at: Instant.now)
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
    /// Web-report's ticket, opened the day before the appointment by a customer without an
    /// email address, with the deadline and the operator in charge a test needs.
    static func mock(ticketID: String = "tck-123", dueAt: Date? = nil, operatorInChargeID: String? = nil)
        -> TicketOpened
    {
        TicketOpened.mock(
            ticketID: ticketID, customer: .mock(email: nil), openedAt: Instant.morningStart.addingTimeInterval(-86_400),
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
