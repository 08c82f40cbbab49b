import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import Logging
import Testing

@testable import IntakeService
@testable import ServiceKit

struct IntakeFixture {
    let context: ServiceContext
    let store: IntakeStore
    static let now = Date(timeIntervalSince1970: 1_900_000_000)  // 2030-03-17

    init(onDisk: Bool = false) async throws {
        let database =
            onDisk
            ? try ServiceDatabase(
                url: FileManager.default.temporaryDirectory.appendingPathComponent(
                    "intake-\(UUID().uuidString).sqlite"),
                migrations: { IntakeMigrations.register(in: &$0) })
            : try ServiceDatabase.inMemory { IntakeMigrations.register(in: &$0) }
        context = ServiceContext(
            configuration: ServiceConfiguration(
                serviceName: "intake", dataDirectory: URL(fileURLWithPath: "/tmp"), httpPort: 0),
            database: database, clock: .fixed(Self.now), logger: Logger(label: "test"))
        try await DefaultSetup.installIfEmpty(context)
        store = IntakeStore(context: context)
    }

    func outbox(type: String) async throws -> [ReceivedEvent] {
        try await context.database.read { db in
            try Data.fetchAll(
                db, sql: "SELECT payload FROM outbox WHERE eventType = ? ORDER BY sequence", arguments: [type])
        }.map { try EventCodec.decode([UInt8]($0)) }
    }
}

extension NewTicket {
    static func mock(type: String = "REPAIR", key: String? = nil, email: String? = "ordini@moretti.example")
        -> NewTicket
    {
        NewTicket(
            activityTypeCode: type, customer: .init(name: "Panificio Moretti", email: email),
            siteZone: "Milano", description: "Oven broken", customFields: ["appliance": "Forno a tunnel"],
            idempotencyKey: key)
    }
}

@Suite struct IntakeStoreTests {
    @Test func defaultSetup_publishesSnapshots_once() async throws {
        let fixture = try await IntakeFixture()
        try await DefaultSetup.installIfEmpty(fixture.context)
        #expect(try await fixture.outbox(type: ActivityTypeSnapshot.eventType).count == 3)
        #expect(try await fixture.outbox(type: OperatorSnapshot.eventType).count == 3)
    }

    @Test func openTicket_numbersIt_andPublishesTicketOpened() async throws {
        let fixture = try await IntakeFixture()
        let (ticket, created) = try await fixture.store.openTicket(.mock(), channel: .api)
        #expect(created)
        #expect(ticket.number == "TCK/2030/000001")
        #expect(ticket.state == .open)
        let events = try await fixture.outbox(type: TicketOpened.eventType)
        let opened = try #require(events.first)
        guard case .ticketOpened(let payload) = opened.event else {
            Issue.record("wrong event")
            return
        }
        #expect(payload.ticketID == ticket.id)
        #expect(payload.activityType.billable)
        #expect(payload.customer.email == "ordini@moretti.example")
        #expect(opened.metadata.subject == ticket.id)
    }

    @Test func openTicket_withTheSameIdempotencyKey_returnsTheFirstTicket() async throws {
        let fixture = try await IntakeFixture()
        let first = try await fixture.store.openTicket(.mock(key: "k-1"), channel: .api)
        let second = try await fixture.store.openTicket(.mock(key: "k-1"), channel: .api)
        #expect(second.created == false)
        #expect(second.ticket.id == first.ticket.id)
        #expect(try await fixture.outbox(type: TicketOpened.eventType).count == 1)
    }

    @Test func openTicket_matchesACustomerByEmail() async throws {
        let fixture = try await IntakeFixture()
        let first = try await fixture.store.openTicket(.mock(), channel: .api)
        let second = try await fixture.store.openTicket(.mock(email: "ORDINI@moretti.example"), channel: .api)
        #expect(first.ticket.customer.id == second.ticket.customer.id)
    }

    @Test func openTicket_refusesBadInput_andWritesNothing() async throws {
        let fixture = try await IntakeFixture()
        await #expect(throws: IntakeError.unknownActivityType("NOPE")) {
            try await fixture.store.openTicket(.mock(type: "NOPE"), channel: .api)
        }
        await #expect(throws: IntakeError.activityTypeNotACall("MAINTENANCE")) {
            try await fixture.store.openTicket(.mock(type: "MAINTENANCE"), channel: .api)
        }
        var bad = NewTicket.mock(email: "not-an-email")
        bad.description = "  "
        await #expect(throws: IntakeError.self) { try await fixture.store.openTicket(bad, channel: .api) }
        #expect(try await fixture.store.tickets().isEmpty)
        #expect(try await fixture.outbox(type: TicketOpened.eventType).isEmpty)
        // A refused ticket does not consume a number.
        #expect(try await fixture.store.openTicket(.mock(), channel: .api).ticket.number == "TCK/2030/000001")
    }

    @Test func parallelIntakes_ofOneSequence_getDistinctConsecutiveNumbers() async throws {
        let fixture = try await IntakeFixture(onDisk: true)
        let store = fixture.store
        let numbers = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<100 {
                group.addTask { try await store.openTicket(.mock(), channel: .api).ticket.number }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(numbers).count == 100)
        #expect(Set(numbers) == Set((1...100).map { TicketNumber(prefix: "TCK", year: 2030, counter: $0).description }))
    }

    @Test func interventionClosed_closesTheTicket_once() async throws {
        let fixture = try await IntakeFixture()
        let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)
        let intervention = InterventionClosed(
            reportID: "r-1", appointmentID: "a-1", ticketID: ticket.id, operatorID: "op-mario", workDone: "Fixed",
            workedMinutes: 45, materials: [MaterialLine(articleCode: "FILTER-01", description: "Filter", quantity: 1)],
            closedAt: IntakeFixture.now)
        let handler = IntakeEventHandler(
            outbox: fixture.context.outbox, clock: fixture.context.clock, ids: fixture.context.ids)
        let received = ReceivedEvent(
            metadata: EventMetadata(
                id: "e-1", source: "/arianna/webreport", type: InterventionClosed.eventType,
                subject: ticket.id, time: IntakeFixture.now, correlationID: nil),
            event: .interventionClosed(intervention))
        try await fixture.context.database.write { db in try handler.handle(received, in: db) }
        try await fixture.context.database.write { db in try handler.handle(received, in: db) }
        let closed = try await fixture.store.ticket(id: ticket.id)
        #expect(closed.state == .closed)
        #expect(closed.workedMinutes == 45)
        let events = try await fixture.outbox(type: TicketClosed.eventType)
        #expect(events.count == 1)
        guard case .ticketClosed(let payload)? = events.first?.event else {
            Issue.record("no ticket.closed")
            return
        }
        #expect(payload.materials.count == 1)
        #expect(payload.activityType.billable)
    }

    @Test func interventionClosed_forAnUnknownTicket_isRejected() async throws {
        let fixture = try await IntakeFixture()
        let handler = IntakeEventHandler(
            outbox: fixture.context.outbox, clock: fixture.context.clock, ids: fixture.context.ids)
        let received = ReceivedEvent(
            metadata: EventMetadata(
                id: "e-2", source: "/x", type: InterventionClosed.eventType, subject: nil, time: IntakeFixture.now,
                correlationID: nil),
            event: .interventionClosed(
                InterventionClosed(
                    reportID: "r", appointmentID: "a", ticketID: "ghost", operatorID: "op", workDone: "x",
                    workedMinutes: 1,
                    materials: [], closedAt: IntakeFixture.now)))
        await #expect(throws: EventRejection.self) {
            try await fixture.context.database.write { db in try handler.handle(received, in: db) }
        }
    }

    @Test func ticketNumber_padsToSixDigits() {
        #expect(TicketNumber(prefix: "INT", year: 2026, counter: 123).description == "INT/2026/000123")
        #expect(TicketNumber(prefix: "INT", year: 2026, counter: 1_234_567).description == "INT/2026/1234567")
    }
}
