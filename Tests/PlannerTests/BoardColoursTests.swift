import AriannaProtocol
import Foundation
import Testing

@testable import PlannerService
@testable import ServiceKit

/// The board coloured by the tickets' states (R3) beside colours by type, and filtered by the
/// user's practices (R4) — issue 12.
@Suite struct BoardColoursTests {
    func board(_ fixture: PlannerFixture, colours: BoardQuery.Colours, practices: [String]? = nil) async throws
        -> BoardModel
    {
        var query = BoardQuery(view: .day, day: DateComponents(year: 2030, month: 3, day: 18), group: nil)
        query.colours = colours
        let builder = BoardBuilder(
            query: query, language: .en, strings: PageStrings.layout.merging(BoardStrings.all),
            timeZone: PlannerFixture.rome, today: PlannerFixture.start)
        return builder.build(
            try await BoardReader(database: fixture.context.database)
                .snapshot(range: builder.range, timeZone: PlannerFixture.rome, practiceIDs: practices))
    }

    func withStates(_ fixture: PlannerFixture) async throws {
        for state in [
            ActivityStateSnapshot(
                stateID: "st-new", code: "NEW", name: "Nuovo", colour: "#1f77b4", isFinal: false, position: 10,
                active: true),
            ActivityStateSnapshot(
                stateID: "st-working", code: "WORKING", name: "In lavorazione", colour: "#ff7f0e", isFinal: false,
                position: 20, active: true),
            ActivityStateSnapshot(
                stateID: "st-closed", code: "CLOSED", name: "Chiuso", colour: "#2ca02c", isFinal: true, position: 40,
                active: true)
        ] {
            try await fixture.apply(.activityStateSnapshot(state))
        }
    }

    @Test func byState_aNewTicketTakesTheFirstState_andFollowsItsStateChanges() async throws {
        let fixture = try await PlannerFixture()
        try await withStates(fixture)
        try await fixture.addActivityType("at-repair", code: "REPAIR", name: "Repair")
        try await fixture.openTicket("t1", number: "TCK/2030/000001")

        let byType = try await board(fixture, colours: .type)
        #expect(byType.calls.first?.colour == "#3366cc")
        #expect(byType.legend.map(\.name).contains("Repair"))
        #expect(byType.colourModes.map(\.current) == [true, false])

        let fresh = try await board(fixture, colours: .state)
        #expect(fresh.calls.first?.colour == "#1f77b4")
        #expect(fresh.legend.map(\.name).prefix(3) == ["Nuovo", "In lavorazione", "Chiuso"])
        #expect(fresh.query.contains("colours=state"))

        try await fixture.apply(
            .ticketStateChanged(
                TicketStateChanged(
                    ticketID: "t1", number: "TCK/2030/000001", version: 2, stateID: "st-working", stateCode: "WORKING",
                    stateName: "In lavorazione", colour: "#ff7f0e", isFinal: false, changedAt: PlannerFixture.start,
                    changedBy: "Giulia")))
        let moved = try await board(fixture, colours: .state)
        #expect(moved.calls.first?.colour == "#ff7f0e")

        // The scheduled bar is coloured the same way.
        _ = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))
        let scheduled = try await board(fixture, colours: .state)
        #expect(scheduled.rows.flatMap(\.bars).first?.colour == "#ff7f0e")
    }

    @Test func theBoard_showsTheUsersPracticesOnly() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.apply(
            .activityTypeSnapshot(
                ActivityTypeSnapshot(
                    activityTypeID: "at-repair", code: "REPAIR", name: "Repair", macroType: .call,
                    expectedDurationMinutes: 60,
                    billable: true, colour: "#3366cc", active: true, practiceID: "pr-assist")))
        try await fixture.openTicket("t1", number: "TCK/2030/000001")

        #expect(try await board(fixture, colours: .type, practices: ["pr-assist"]).calls.count == 1)
        #expect(try await board(fixture, colours: .type, practices: ["pr-sales"]).calls.isEmpty)
        #expect(try await board(fixture, colours: .type).calls.count == 1)
    }

    @Test func anUnknownColourMode_isRefused() throws {
        let query = BoardQuery(view: .day, day: DateComponents(year: 2030, month: 3, day: 18), group: nil)
        #expect(throws: (any Error).self) { try query.colouring("rainbow") }
        #expect(try query.colouring("state").colours == .state)
    }
}
