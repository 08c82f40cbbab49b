import AriannaProtocol
import Foundation
import GRDB
import Logging
import NotificationDomain
import ServiceKit
import ServiceTestSupport
import Synchronization

@testable import NotificationService

/// Notification's "now", beside the shared moments (`Tests/Support/Fixtures.swift`).
extension Instant {
    /// 2026-11-29T10:15:00Z (11:15 in Rome): when the emails are queued.
    static let now = Date(timeIntervalSinceReferenceDate: 817_640_100)
}

extension TicketOpened {
    /// Notification's ticket: a repair call opened "now", with no zone, for `customer`.
    static func mock(customer: CustomerRef = .mock()) -> TicketOpened {
        TicketOpened.mock(
            activityType: .mock(code: "REPAIR", name: "Repair call", expectedDurationMinutes: 60), customer: customer,
            siteZone: nil, openedAt: Instant.now)
    }
}

extension AppointmentScheduled {
    /// Notification's appointment: a boiler repair for `customer` (nil: an appointment without one).
    static func mock(customer: CustomerRef? = .mock()) -> AppointmentScheduled {
        AppointmentScheduled.mock(title: "Boiler repair", customer: customer)
    }
}

extension AppointmentMoved {
    /// Notification's boiler repair, moved to Marco Verdi the next afternoon.
    static func mock() -> AppointmentMoved {
        AppointmentMoved.mock(title: "Boiler repair")
    }
}

extension AppointmentCancelled {
    /// Notification's boiler repair for the ticket, cancelled for `reason`.
    static func mock(reason: String = "Customer asked to postpone") -> AppointmentCancelled {
        AppointmentCancelled.mock(
            ticketID: "tck-123", ticketNumber: "TCK/2026/000123", operatorID: "op-3", title: "Boiler repair",
            customer: .mock(), start: Instant.morningStart, end: Instant.morningEnd, reason: reason)
    }
}

extension ReceivedEvent {
    /// `event` as the consumer would hand it over "now", with CloudEvents id `id`.
    static func mock<E: DomainEvent>(_ event: E, id: String, as wrap: (E) -> AriannaEvent) -> ReceivedEvent {
        ReceivedEvent.mock(event, id: id, as: wrap, time: Instant.now)
    }
}

/// A notification service over an in-memory store with a fixed clock and predictable ids.
struct TestService {
    let database: ServiceDatabase
    let context: ServiceContext
    let handler: NotificationEventHandler
    let store: NotificationStore

    init(now: Date = Instant.now, dataDirectory: URL = FileManager.default.temporaryDirectory) throws {
        database = try ServiceDatabase.inMemory { NotificationMigrations.register(in: &$0) }
        context = ServiceContext(
            configuration: ServiceConfiguration(
                serviceName: "notification", dataDirectory: dataDirectory, httpPort: 0, timeZone: rome),
            database: database, clock: .fixed(now), ids: SequentialIDs("email").generator,
            logger: Logger(label: "test.notification"))
        handler = NotificationEventHandler(clock: context.clock, ids: context.ids, logger: context.logger)
        store = NotificationStore(database: database)
    }

    /// Delivers `event` the way `EventConsumerService` does (`ServiceDatabase.deliver`, in
    /// `Tests/Support`). Returns `false` when the inbox skipped it as a duplicate.
    @discardableResult
    func deliver(_ event: ReceivedEvent) async throws -> Bool {
        try await database.deliver(event, to: handler, at: Instant.now)
    }

    /// Gives notification its copy of `ticket` without its emails, as if `ticket.opened.v1` had
    /// been read long ago: appointment and intervention events then queue at once instead of
    /// waiting for the ticket.
    func knowTicket(_ ticket: TicketOpened = .mock()) async throws {
        try await database.write { db in
            try TicketCopyRecord(
                ticketID: ticket.ticketID, number: ticket.number, activityTypeID: ticket.activityType.id,
                customerID: ticket.customer.id, customerName: ticket.customer.name,
                customerEmail: ticket.customer.email,
                operatorInChargeID: ticket.operatorInChargeID, siteID: ticket.siteID
            ).keep(in: db)
        }
    }

    func jobs() async throws -> [EmailJobRecord] {
        try await database.read { db in try EmailJobRecord.order(Column("rowid")).fetchAll(db) }
    }
}

/// A transport that remembers what it was given, or fails with `failure`.
final class RecordingTransport: MailTransport {
    struct Refused: Error, CustomStringConvertible {
        var description: String { "connection refused by mail.example:25" }
    }

    private let sent = Mutex<[MailMessage]>([])
    let fails: Bool

    init(fails: Bool = false) { self.fails = fails }

    var messages: [MailMessage] { sent.withLock { $0 } }

    func send(_ message: MailMessage) async throws {
        if fails { throw Refused() }
        sent.withLock { $0.append(message) }
    }
}
