import AriannaProtocol
import Foundation
import GRDB
import Logging
import PlannerDomain
import Testing

@testable import PlannerService
@testable import ServiceKit

/// A planner wired to an in-memory store, with Mario and Lucia known and calls in the queue.
struct PlannerFixture {
    let context: ServiceContext
    let store: PlannerStore
    let handler: PlannerEventHandler
    let availability: AvailabilityStore
    /// "Now" for the fixture: Sunday 2030-03-17 18:46 in Rome.
    static let start = Date(timeIntervalSince1970: 1_900_000_000)
    /// Monday 2030-03-18 09:00 in Rome (08:00Z): inside the default presence and working hours.
    static let monday = Date(timeIntervalSince1970: 1_900_051_200)
    /// The company's time zone in every planner test.
    static let rome = TimeZone(identifier: "Europe/Rome") ?? .gmt

    /// Mario and Lucia get the default availability of a new operator (Mon–Fri presence
    /// 08:00–17:00, working hours 08:00–12:00 and 13:00–17:00); presences are generated for
    /// March and April 2030 unless `generate` is false.
    /// - Parameter onDisk: a real WAL `DatabasePool` in a temporary file, for concurrency tests.
    init(onDisk: Bool = false, generate: Bool = true) async throws {
        let database =
            onDisk
            ? try ServiceDatabase(
                url: FileManager.default.temporaryDirectory.appendingPathComponent(
                    "planner-\(UUID().uuidString).sqlite"),
                migrations: PlannerService.definition.migrations)
            : try ServiceDatabase.inMemory(migrations: PlannerService.definition.migrations)
        context = ServiceContext(
            configuration: ServiceConfiguration(
                serviceName: "planner", dataDirectory: URL(fileURLWithPath: "/tmp"), httpPort: 0, timeZone: Self.rome),
            database: database, clock: .fixed(Self.start), logger: Logger(label: "test"))
        store = PlannerStore(context: context)
        availability = AvailabilityStore(context: context)
        handler = PlannerEventHandler(clock: .fixed(Self.start), outbox: context.outbox)
        for person in [("op-mario", "Mario Rossi"), ("op-lucia", "Lucia Bianchi")] {
            try await apply(
                .operatorSnapshot(
                    OperatorSnapshot(
                        operatorID: person.0, name: person.1, email: nil, groups: ["Technicians"], active: true)))
        }
        if generate { try await generatePresences(from: "2030-03-01", to: "2030-04-30") }
    }

    /// Runs "generate recurrences" for [from, to] to the end and returns the finished job.
    @discardableResult
    func generatePresences(from: String, to: String, operatorIDs: [String]? = nil) async throws -> GenerationJobRecord {
        let request = GeneratePresences(
            from: try #require(LocalDate(from)), to: try #require(LocalDate(to)), operatorIDs: operatorIDs)
        let job = try await availability.startGeneration(request)
        let finished = try await availability.runPendingGenerations()
        return try #require(finished.first { $0.id == job.id })
    }

    /// Adds an operator through a setup snapshot, as intake would.
    func addOperator(_ id: String, name: String, groups: [String] = ["Technicians"]) async throws {
        try await apply(
            .operatorSnapshot(OperatorSnapshot(operatorID: id, name: name, email: nil, groups: groups, active: true)))
    }

    /// Adds an activity type through a setup snapshot.
    func addActivityType(_ id: String, code: String, name: String, minutes: Int = 60) async throws {
        try await apply(
            .activityTypeSnapshot(
                ActivityTypeSnapshot(
                    activityTypeID: id, code: code, name: name, macroType: .appointment,
                    expectedDurationMinutes: minutes,
                    billable: true, colour: "#3366cc", active: true)))
    }

    func apply(_ event: AriannaEvent, id: String = UUID().uuidString) async throws {
        let received = ReceivedEvent(
            metadata: EventMetadata(
                id: id, source: "/test", type: event.eventType, subject: nil, time: Self.start, correlationID: nil),
            event: event)
        try await context.database.write { [handler] db in try handler.handle(received, in: db) }
    }

    @discardableResult
    func openTicket(_ id: String, number: String, minutes: Int = 60, zone: String? = "Milano") async throws
        -> TicketOpened
    {
        let ticket = TicketOpened(
            ticketID: id, number: number,
            activityType: ActivityTypeRef(
                id: "at-repair", code: "REPAIR", name: "Repair", expectedDurationMinutes: minutes, billable: true),
            customer: CustomerRef(id: "c-\(id)", name: "Customer \(id)", email: "c\(id)@example.com"),
            siteZone: zone, description: "Broken", channel: .api, openedAt: Self.start)
        try await apply(.ticketOpened(ticket))
        return ticket
    }

    func outboxTypes() async throws -> [String] {
        try await context.database.read { db in
            try String.fetchAll(db, sql: "SELECT eventType FROM outbox ORDER BY sequence")
        }
    }
}

@Suite struct PlannerStoreTests {
    @Test func ticketOpened_queuesTheCallOnce_evenWhenAppliedTwice() async throws {
        let fixture = try await PlannerFixture()
        let ticket = try await fixture.openTicket("t1", number: "TCK/2030/000001")
        try await fixture.apply(.ticketOpened(ticket))
        let queue = try await fixture.store.unscheduledCalls()
        #expect(queue.map(\.ticketID) == ["t1"])
    }

    @Test func schedule_takesTheExpectedDuration_andPublishes() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.openTicket("t1", number: "TCK/2030/000001", minutes: 90)
        let appointment = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))
        #expect(appointment.end == PlannerFixture.monday.addingTimeInterval(90 * 60))
        #expect(appointment.title == "TCK/2030/000001 · Customer t1")
        #expect(try await fixture.store.unscheduledCalls().isEmpty)
        #expect(try await fixture.outboxTypes() == ["appointment.scheduled.v1"])
    }

    @Test func schedule_refusesAnOverlap_andWritesNothing() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.openTicket("t1", number: "TCK/2030/000001")
        try await fixture.openTicket("t2", number: "TCK/2030/000002")
        _ = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))
        await #expect(throws: PlannerError.self) {
            try await fixture.store.schedule(
                ScheduleRequest(
                    ticketID: "t2", operatorID: "op-mario", start: PlannerFixture.monday.addingTimeInterval(30 * 60)))
        }
        #expect(try await fixture.store.unscheduledCalls().map(\.ticketID) == ["t2"])
        #expect(try await fixture.outboxTypes() == ["appointment.scheduled.v1"])
        // Another operator is free at that time.
        _ = try await fixture.store.schedule(
            ScheduleRequest(
                ticketID: "t2", operatorID: "op-lucia", start: PlannerFixture.monday.addingTimeInterval(30 * 60)))
    }

    @Test func schedule_refusesAScheduledOrUnknownCall() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.openTicket("t1", number: "TCK/2030/000001")
        _ = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))
        await #expect(throws: PlannerError.ticketNotUnscheduled(number: "TCK/2030/000001", state: .scheduled)) {
            try await fixture.store.schedule(
                ScheduleRequest(ticketID: "t1", operatorID: "op-lucia", start: PlannerFixture.monday))
        }
        await #expect(throws: PlannerError.ticketNotFound("nope")) {
            try await fixture.store.schedule(
                ScheduleRequest(ticketID: "nope", operatorID: "op-lucia", start: PlannerFixture.monday))
        }
    }

    @Test func schedule_directAppointment_needsTitleAndEnd() async throws {
        let fixture = try await PlannerFixture()
        await #expect(throws: PlannerError.self) {
            try await fixture.store.schedule(
                ScheduleRequest(
                    ticketID: nil, operatorID: "op-mario", start: PlannerFixture.monday, title: "Team meeting"))
        }
        let meeting = try await fixture.store.schedule(
            ScheduleRequest(
                ticketID: nil, operatorID: "op-mario", start: PlannerFixture.monday,
                end: PlannerFixture.monday.addingTimeInterval(1800), title: "Team meeting"))
        #expect(meeting.ticketID == nil)
    }

    @Test func move_checksTheRules_ignoringTheAppointmentItself() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.openTicket("t1", number: "TCK/2030/000001")
        let appointment = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))
        let moved = try await fixture.store.move(
            appointmentID: appointment.id, to: MoveRequest(start: PlannerFixture.monday.addingTimeInterval(1800)))
        #expect(moved.end == PlannerFixture.monday.addingTimeInterval(1800 + 3600))
        let resized = try await fixture.store.move(
            appointmentID: appointment.id,
            to: MoveRequest(
                start: moved.start, end: moved.start.addingTimeInterval(7200)))
        #expect(resized.slot.minutes == 120)
        #expect(
            try await fixture.outboxTypes() == [
                "appointment.scheduled.v1", "appointment.moved.v1", "appointment.moved.v1"
            ])
    }

    @Test func unschedule_returnsTheCallToTheQueue() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.openTicket("t1", number: "TCK/2030/000001")
        let appointment = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))
        _ = try await fixture.store.unschedule(appointmentID: appointment.id)
        #expect(try await fixture.store.unscheduledCalls().map(\.ticketID) == ["t1"])
        #expect(try await fixture.store.appointments(operatorID: "op-mario", from: nil, to: nil).isEmpty)
        await #expect(throws: PlannerError.appointmentCancelled(appointment.id)) {
            try await fixture.store.unschedule(appointmentID: appointment.id)
        }
    }

    @Test(arguments: 1...5)
    func concurrentDrops_ontoOneSlot_exactlyOneWins(round: Int) async throws {
        let fixture = try await PlannerFixture(onDisk: true)
        for index in 0..<50 { try await fixture.openTicket("t\(index)", number: "TCK/2030/\(index)") }
        let store = fixture.store
        let wins = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<50 {
                group.addTask {
                    (try? await store.schedule(
                        ScheduleRequest(ticketID: "t\(index)", operatorID: "op-mario", start: PlannerFixture.monday)))
                        != nil
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(wins == 1)
        #expect(try await fixture.store.appointments(operatorID: "op-mario", from: nil, to: nil).count == 1)
    }
}
