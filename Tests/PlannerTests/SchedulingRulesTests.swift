import Foundation
import Testing
@testable import PlannerService

@Suite struct SchedulingRulesTests {
    static let nine = Date(timeIntervalSince1970: 1_900_000_000)
    static let mario = SchedulingRules.Operator(id: "op-mario", name: "Mario Rossi", active: true)

    static func slot(_ startMinutes: Int, _ endMinutes: Int) -> TimeSlot {
        TimeSlot(start: nine.addingTimeInterval(Double(startMinutes * 60)), end: nine.addingTimeInterval(Double(endMinutes * 60)))
    }

    static func booking(_ startMinutes: Int, _ endMinutes: Int, title: String = "TCK/2030/000001") -> SchedulingRules.Booking {
        .init(appointmentID: UUID().uuidString, title: title, slot: slot(startMinutes, endMinutes))
    }

    @Test func check_accepts_aFreeSlot() throws {
        try SchedulingRules.check(slot: Self.slot(0, 60), for: Self.mario, operatorID: "op-mario", against: [])
    }

    @Test(arguments: [(-60, 0), (60, 120)])
    func check_accepts_touchingIntervals(start: Int, end: Int) throws {
        try SchedulingRules.check(slot: Self.slot(0, 60), for: Self.mario, operatorID: "op-mario",
                                  against: [Self.booking(start, end)])
    }

    @Test(arguments: [(30, 90), (-30, 30), (10, 20), (-60, 120), (0, 60)])
    func check_refuses_overlaps(start: Int, end: Int) {
        #expect(throws: SchedulingRefusal.overlaps(operatorName: "Mario Rossi", title: "TCK/2030/000001", slot: Self.slot(start, end))) {
            try SchedulingRules.check(slot: Self.slot(0, 60), for: Self.mario, operatorID: "op-mario",
                                      against: [Self.booking(start, end)])
        }
    }

    @Test func check_names_theEarliestClash() {
        #expect(throws: SchedulingRefusal.overlaps(operatorName: "Mario Rossi", title: "first", slot: Self.slot(-30, 15))) {
            try SchedulingRules.check(slot: Self.slot(0, 60), for: Self.mario, operatorID: "op-mario",
                                      against: [Self.booking(30, 90, title: "second"), Self.booking(-30, 15, title: "first")])
        }
    }

    @Test func check_refuses_emptyOrBackwardSlots() {
        #expect(throws: SchedulingRefusal.endNotAfterStart) {
            try SchedulingRules.check(slot: Self.slot(60, 60), for: Self.mario, operatorID: "op-mario", against: [])
        }
        #expect(throws: SchedulingRefusal.endNotAfterStart) {
            try SchedulingRules.check(slot: Self.slot(60, 0), for: Self.mario, operatorID: "op-mario", against: [])
        }
    }

    @Test func check_refuses_tooLongSlots() {
        #expect(throws: SchedulingRefusal.tooLong(minutes: 13 * 60)) {
            try SchedulingRules.check(slot: Self.slot(0, 13 * 60), for: Self.mario, operatorID: "op-mario", against: [])
        }
    }

    @Test func check_refuses_unknownAndInactiveOperators() {
        #expect(throws: SchedulingRefusal.unknownOperator("op-x")) {
            try SchedulingRules.check(slot: Self.slot(0, 60), for: nil, operatorID: "op-x", against: [])
        }
        let retired = SchedulingRules.Operator(id: "op-old", name: "Old Timer", active: false)
        #expect(throws: SchedulingRefusal.inactiveOperator("Old Timer")) {
            try SchedulingRules.check(slot: Self.slot(0, 60), for: retired, operatorID: "op-old", against: [])
        }
    }

    @Test func refusal_message_showsTimesInTheCompanyTimeZone() throws {
        // 2030-03-04 09:00 UTC is 10:00 in Rome (CET, UTC+1)
        let start = try #require(ISO8601DateFormatter().date(from: "2030-03-04T09:00:00Z"))
        let refusal = SchedulingRefusal.overlaps(
            operatorName: "Mario Rossi", title: "TCK/2030/000007", slot: TimeSlot(start: start, minutes: 90))
        let rome = try #require(TimeZone(identifier: "Europe/Rome"))
        #expect(refusal.message(in: rome) == "Mario Rossi already has TCK/2030/000007 from 10:00 to 11:30 on 2030-03-04.")
    }

    @Test func refusal_message_acrossMidnight_namesTheStartDay() throws {
        let start = try #require(ISO8601DateFormatter().date(from: "2030-03-04T22:30:00Z"))
        let refusal = SchedulingRefusal.overlaps(operatorName: "Lucia", title: "Night shift", slot: TimeSlot(start: start, minutes: 60))
        #expect(refusal.message(in: .gmt) == "Lucia already has Night shift from 22:30 to 23:30 on 2030-03-04.")
    }
}
