import Foundation
import PlannerDomain
import Testing

@testable import PlannerService

@Suite struct SchedulingRulesTests {
    static let nine = Date(timeIntervalSince1970: 1_900_000_000)
    static let mario = SchedulingRules.Operator(id: "op-mario", name: "Mario Rossi", active: true)

    static func slot(_ startMinutes: Int, _ endMinutes: Int) -> TimeSlot {
        TimeSlot(
            start: nine.addingTimeInterval(Double(startMinutes * 60)),
            end: nine.addingTimeInterval(Double(endMinutes * 60)))
    }

    /// Present all around `nine`, no working hours, no holidays or absences: only overlaps matter.
    static let everywhere = SchedulingRules.Availability(presences: [
        .init(
            zone: "Milano",
            slot: TimeSlot(start: nine.addingTimeInterval(-86_400), end: nine.addingTimeInterval(2 * 86_400)))
    ])

    /// The check with everything but the slot, operator and bookings fixed.
    static func check(
        _ slot: TimeSlot, for person: SchedulingRules.Operator? = mario, operatorID: String = "op-mario",
        against bookings: [SchedulingRules.Booking] = []
    ) throws(SchedulingRefusal) {
        try SchedulingRules.check(
            slot: slot, for: person, operatorID: operatorID, activity: nil, availability: everywhere,
            against: bookings, timeZone: .gmt)
    }

    static func booking(_ startMinutes: Int, _ endMinutes: Int, title: String = "TCK/2030/000001")
        -> SchedulingRules.Booking
    {
        .init(appointmentID: UUID().uuidString, title: title, slot: slot(startMinutes, endMinutes))
    }

    @Test func check_accepts_aFreeSlot() throws {
        try Self.check(Self.slot(0, 60))
    }

    @Test(arguments: [(-60, 0), (60, 120)])
    func check_accepts_touchingIntervals(start: Int, end: Int) throws {
        try Self.check(Self.slot(0, 60), against: [Self.booking(start, end)])
    }

    @Test(arguments: [(30, 90), (-30, 30), (10, 20), (-60, 120), (0, 60)])
    func check_refuses_overlaps(start: Int, end: Int) {
        #expect(
            throws: SchedulingRefusal.overlaps(
                operatorName: "Mario Rossi", title: "TCK/2030/000001", slot: Self.slot(start, end))
        ) {
            try Self.check(Self.slot(0, 60), against: [Self.booking(start, end)])
        }
    }

    @Test func check_names_theEarliestClash() {
        #expect(
            throws: SchedulingRefusal.overlaps(operatorName: "Mario Rossi", title: "first", slot: Self.slot(-30, 15))
        ) {
            try Self.check(
                Self.slot(0, 60),
                against: [Self.booking(30, 90, title: "second"), Self.booking(-30, 15, title: "first")])
        }
    }

    @Test func check_refuses_emptyOrBackwardSlots() {
        #expect(throws: SchedulingRefusal.endNotAfterStart) {
            try Self.check(Self.slot(60, 60))
        }
        #expect(throws: SchedulingRefusal.endNotAfterStart) {
            try Self.check(Self.slot(60, 0))
        }
    }

    @Test func check_refuses_tooLongSlots() {
        #expect(throws: SchedulingRefusal.tooLong(minutes: 13 * 60)) {
            try Self.check(Self.slot(0, 13 * 60))
        }
    }

    @Test func check_refuses_unknownAndInactiveOperators() {
        #expect(throws: SchedulingRefusal.unknownOperator("op-x")) {
            try Self.check(Self.slot(0, 60), for: nil, operatorID: "op-x")
        }
        let retired = SchedulingRules.Operator(id: "op-old", name: "Old Timer", active: false)
        #expect(throws: SchedulingRefusal.inactiveOperator("Old Timer")) {
            try Self.check(Self.slot(0, 60), for: retired, operatorID: "op-old")
        }
    }

    @Test func refusal_message_showsTimesInTheCompanyTimeZone() throws {
        // 2030-03-04 09:00 UTC is 10:00 in Rome (CET, UTC+1)
        let start = try #require(ISO8601DateFormatter().date(from: "2030-03-04T09:00:00Z"))
        let refusal = SchedulingRefusal.overlaps(
            operatorName: "Mario Rossi", title: "TCK/2030/000007", slot: TimeSlot(start: start, minutes: 90))
        let rome = try #require(TimeZone(identifier: "Europe/Rome"))
        #expect(
            refusal.message(in: rome) == "Mario Rossi already has TCK/2030/000007 from 10:00 to 11:30 on 2030-03-04.")
    }

    @Test func refusal_message_acrossMidnight_namesTheStartDay() throws {
        let start = try #require(ISO8601DateFormatter().date(from: "2030-03-04T22:30:00Z"))
        let refusal = SchedulingRefusal.overlaps(
            operatorName: "Lucia", title: "Night shift", slot: TimeSlot(start: start, minutes: 60))
        #expect(refusal.message(in: .gmt) == "Lucia already has Night shift from 22:30 to 23:30 on 2030-03-04.")
    }
}
