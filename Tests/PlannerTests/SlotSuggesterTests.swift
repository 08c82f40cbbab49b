import Foundation
import PlannerDomain
import Testing

@testable import PlannerService

/// Best-slot ranking (issue 4 §5): earliest fit, then zone, then workload, linked operators only.
@Suite struct SlotSuggesterTests {
    static let rome = AvailabilityRulesTests.rome

    static func person(_ id: String, _ name: String, groups: [String] = []) -> SchedulingRules.Operator {
        .init(id: id, name: name, active: true, groups: groups)
    }

    /// Present Monday and Tuesday 2030-03-04/05 08:00–17:00 in `zone`, standard working week.
    static func candidate(
        _ person: SchedulingRules.Operator, zone: String, bookings: [(String, String)] = [],
        absences: [SchedulingRules.Absence] = []
    ) throws -> SlotSuggester.Candidate {
        .init(
            person: person,
            availability: .init(
                presences: [
                    try AvailabilityRulesTests.presence("2030-03-04 08:00", "2030-03-04 17:00", zone: zone),
                    try AvailabilityRulesTests.presence("2030-03-05 08:00", "2030-03-05 17:00", zone: zone)
                ],
                workingWeek: .standard, absences: absences),
            bookings: try bookings.map {
                .init(
                    appointmentID: UUID().uuidString, title: "Busy", slot: try AvailabilityRulesTests.slot($0.0, $0.1))
            })
    }

    static func options(from: String = "2030-03-04 00:00", limit: Int = 5) throws -> SlotSuggester.Options {
        let start = try AvailabilityRulesTests.local(from)
        return .init(from: start, to: try AvailabilityRulesTests.local("2030-03-06 00:00"), limit: limit)
    }

    static let mario = person("op-mario", "Mario Rossi")
    static let lucia = person("op-lucia", "Lucia Bianchi", groups: ["Heating"])
    static let call = SlotSuggester.Call(minutes: 60, zone: "Como", activity: nil)

    @Test func suggest_putsTheEarliestFitFirst() throws {
        let suggestions = SlotSuggester.suggest(
            for: Self.call,
            among: [
                try Self.candidate(Self.mario, zone: "Como"),
                try Self.candidate(Self.lucia, zone: "Como", bookings: [("2030-03-04 08:00", "2030-03-04 10:00")])
            ],
            options: try Self.options(), timeZone: Self.rome)
        #expect(suggestions.map(\.operatorID) == ["op-mario", "op-lucia", "op-lucia", "op-mario"])
        #expect(suggestions[0].start == (try AvailabilityRulesTests.local("2030-03-04 08:00")))
        #expect(suggestions[1].start == (try AvailabilityRulesTests.local("2030-03-04 10:00")))
        #expect(suggestions[1].reasons.contains("2 h already booked that day"))
    }

    @Test func suggest_atTheSameStart_prefersTheCustomersZone() throws {
        let suggestions = SlotSuggester.suggest(
            for: Self.call,
            among: [try Self.candidate(Self.mario, zone: "Milano"), try Self.candidate(Self.lucia, zone: "Como")],
            options: try Self.options(limit: 2), timeZone: Self.rome)
        #expect(suggestions.map(\.operatorID) == ["op-lucia", "op-mario"])
        #expect(suggestions[0].zoneMatch)
        #expect(
            suggestions[0].reasons == [
                "free on 2030-03-04 from 08:00", "in the customer's zone Como", "nothing else booked that day"
            ])
        #expect(suggestions[1].reasons.contains("in zone Milano, not the customer's Como"))
    }

    @Test func suggest_atTheSameStartAndZone_balancesTheWorkload() throws {
        let suggestions = SlotSuggester.suggest(
            for: Self.call,
            among: [
                try Self.candidate(Self.mario, zone: "Como", bookings: [("2030-03-04 15:00", "2030-03-04 16:30")]),
                try Self.candidate(Self.lucia, zone: "Como")
            ],
            options: try Self.options(limit: 2), timeZone: Self.rome)
        #expect(suggestions.map(\.operatorID) == ["op-lucia", "op-mario"])
        #expect(suggestions[1].bookedMinutes == 90)
        #expect(suggestions[1].reasons.contains("1 h 30 min already booked that day"))
    }

    @Test func suggest_onlyOffersLinkedOperators_andSaysHow() throws {
        let call = SlotSuggester.Call(
            minutes: 60, zone: nil,
            activity: .init(activityTypeID: "at-boiler", name: "Boiler service", groups: ["Heating"]))
        let suggestions = SlotSuggester.suggest(
            for: call,
            among: [try Self.candidate(Self.mario, zone: "Como"), try Self.candidate(Self.lucia, zone: "Como")],
            options: try Self.options(), timeZone: Self.rome)
        #expect(Set(suggestions.map(\.operatorID)) == ["op-lucia"])
        #expect(suggestions[0].reasons.contains("linked to Boiler service through Heating"))
        #expect(suggestions[0].reasons.contains("in zone Como"))
    }

    @Test func suggest_skipsAbsences_andFindsRoomBetweenBookings_onTheGrid() throws {
        let absent = SchedulingRules.Absence(
            reason: "Training", slot: try AvailabilityRulesTests.slot("2030-03-04 00:00", "2030-03-05 00:00"))
        let onlyMario = SlotSuggester.suggest(
            for: Self.call, among: [try Self.candidate(Self.mario, zone: "Como", absences: [absent])],
            options: try Self.options(), timeZone: Self.rome)
        #expect(onlyMario.map(\.start) == [try AvailabilityRulesTests.local("2030-03-05 08:00")])

        // From 08:07 the grid's first start is 08:15; 08:15–09:15 clashes with 08:50, so the
        // next free hour after the 08:50–09:10 booking starts on the grid at 09:15.
        let busy = try Self.candidate(Self.mario, zone: "Como", bookings: [("2030-03-04 08:50", "2030-03-04 09:10")])
        let first = SlotSuggester.suggest(
            for: Self.call, among: [busy], options: try Self.options(from: "2030-03-04 08:07", limit: 1),
            timeZone: Self.rome)
        #expect(first.map(\.start) == [try AvailabilityRulesTests.local("2030-03-04 09:15")])
    }

    @Test func suggest_neverOffersAnHourAcrossLunch() throws {
        let busyMorning = try Self.candidate(
            Self.mario, zone: "Como", bookings: [("2030-03-04 08:00", "2030-03-04 11:30")])
        let suggestions = SlotSuggester.suggest(
            for: Self.call, among: [busyMorning], options: try Self.options(limit: 1), timeZone: Self.rome)
        #expect(suggestions.map(\.start) == [try AvailabilityRulesTests.local("2030-03-04 13:00")])
    }

    @Test func suggest_returnsNothing_whenNobodyFits() throws {
        let call = SlotSuggester.Call(minutes: 5 * 60, zone: nil, activity: nil)
        #expect(
            SlotSuggester.suggest(
                for: call, among: [try Self.candidate(Self.mario, zone: "Como")], options: try Self.options(),
                timeZone: Self.rome
            ).isEmpty)
    }
}
