import Foundation
import PlannerDomain
import Testing

@testable import PlannerService

/// The availability rules of `SchedulingRules.check` (R6–R9, R7): presences, working hours,
/// holidays, absences and links, with their edges (touching, midnight, DST, half outside).
@Suite struct AvailabilityRulesTests {
    static let rome = TimeZone(identifier: "Europe/Rome") ?? .gmt
    static let mario = SchedulingRules.Operator(
        id: "op-mario", name: "Mario Rossi", active: true, groups: ["Technicians"])
    static let repair = SchedulingRules.ActivityLinks(
        activityTypeID: "at-repair", name: "Repair call", operatorIDs: ["op-lucia"])

    /// A local time in Rome, "2030-03-04 10:00".
    static func local(_ text: String) throws -> Date {
        let parts = text.split(separator: " ")
        let day = try #require(LocalDate(String(parts[0])))
        let time = try #require(LocalTime(String(parts[1])))
        return day.instant(at: time, in: rome)
    }

    static func utc(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    static func slot(_ start: String, _ end: String) throws -> TimeSlot {
        TimeSlot(start: try local(start), end: try local(end))
    }

    static func presence(_ start: String, _ end: String, zone: String = "Milano") throws -> SchedulingRules.Presence {
        .init(zone: zone, slot: try slot(start, end))
    }

    /// Monday 2030-03-04: present 08:00–17:00, working 08:00–12:00 and 13:00–17:00.
    static func monday() throws -> SchedulingRules.Availability {
        .init(presences: [try presence("2030-03-04 08:00", "2030-03-04 17:00")], workingWeek: .standard)
    }

    static func check(
        _ slot: TimeSlot, _ availability: SchedulingRules.Availability,
        activity: SchedulingRules.ActivityLinks? = nil, person: SchedulingRules.Operator = mario
    ) throws(SchedulingRefusal) {
        try SchedulingRules.check(
            slot: slot, for: person, operatorID: person.id, activity: activity, availability: availability,
            against: [], timeZone: rome)
    }

    // MARK: Presence

    @Test func check_accepts_aSlotInsidePresenceAndWorkingHours() throws {
        try Self.check(try Self.slot("2030-03-04 10:00", "2030-03-04 11:00"), try Self.monday())
    }

    @Test(arguments: [("08:00", "09:00"), ("16:00", "17:00")])
    func check_accepts_aSlotTouchingThePresenceEdges(start: String, end: String) throws {
        try Self.check(try Self.slot("2030-03-04 \(start)", "2030-03-04 \(end)"), try Self.monday())
    }

    @Test func check_refuses_aSlotHalfOutsideThePresence() throws {
        let slot = try Self.slot("2030-03-04 16:30", "2030-03-04 17:30")
        let presence = try Self.slot("2030-03-04 08:00", "2030-03-04 17:00")
        #expect(throws: SchedulingRefusal.partlyPresent(operatorName: "Mario Rossi", presence: presence, slot: slot)) {
            try Self.check(slot, try Self.monday())
        }
        let message = SchedulingRefusal.partlyPresent(operatorName: "Mario Rossi", presence: presence, slot: slot)
            .message(in: Self.rome)
        #expect(
            message
                == "Mario Rossi is present on 2030-03-04 only from 08:00 to 17:00; the appointment runs from 16:30 to 17:30."
        )
    }

    @Test func check_refuses_anOperatorWithNoPresenceAtAll() throws {
        let slot = try Self.slot("2030-03-04 10:00", "2030-03-04 11:00")
        #expect(throws: SchedulingRefusal.notPresent(operatorName: "Mario Rossi", at: slot.start)) {
            try Self.check(slot, .init(presences: []))
        }
        #expect(
            SchedulingRefusal.notPresent(operatorName: "Mario Rossi", at: slot.start).message(in: Self.rome)
                == "Mario Rossi is not present on 2030-03-04 at 10:00.")
    }

    @Test func check_refuses_aSlotBetweenTwoPresences_evenIfTheyTouch() throws {
        // Inside one presence, not across two sites.
        let availability = SchedulingRules.Availability(presences: [
            try Self.presence("2030-03-04 08:00", "2030-03-04 12:00", zone: "Milano"),
            try Self.presence("2030-03-04 12:00", "2030-03-04 17:00", zone: "Como")
        ])
        try Self.check(try Self.slot("2030-03-04 11:00", "2030-03-04 12:00"), availability)
        try Self.check(try Self.slot("2030-03-04 12:00", "2030-03-04 13:00"), availability)
        #expect(throws: SchedulingRefusal.self) {
            try Self.check(try Self.slot("2030-03-04 11:30", "2030-03-04 12:30"), availability)
        }
    }

    @Test func check_acceptsANightShift_acrossMidnight() throws {
        let night = PresenceRecurrence(
            frequency: .daily, startTime: LocalTime(hour: 22), endTime: LocalTime(hour: 6),
            validFrom: try #require(LocalDate("2030-03-01")))
        let availability = SchedulingRules.Availability(
            presences: [
                .init(zone: "Milano", slot: night.slot(on: try #require(LocalDate("2030-03-04")), in: Self.rome))
            ])
        try Self.check(try Self.slot("2030-03-04 23:30", "2030-03-05 00:30"), availability)
        try Self.check(try Self.slot("2030-03-05 05:00", "2030-03-05 06:00"), availability)
        #expect(throws: SchedulingRefusal.self) {
            try Self.check(try Self.slot("2030-03-05 05:30", "2030-03-05 06:30"), availability)
        }
    }

    // MARK: Working hours

    @Test func check_withoutWorkingHours_letsThePresenceAloneDecide() throws {
        let availability = SchedulingRules.Availability(presences: [
            try Self.presence("2030-03-04 08:00", "2030-03-04 20:00")
        ])
        try Self.check(try Self.slot("2030-03-04 12:00", "2030-03-04 13:00"), availability)
        try Self.check(try Self.slot("2030-03-04 18:30", "2030-03-04 19:30"), availability)
    }

    @Test(arguments: [("11:00", "12:00"), ("13:00", "14:00"), ("08:00", "12:00")])
    func check_accepts_eitherHalfOfASplitDay(start: String, end: String) throws {
        try Self.check(try Self.slot("2030-03-04 \(start)", "2030-03-04 \(end)"), try Self.monday())
    }

    @Test func check_refuses_aSlotAcrossLunch() throws {
        let slot = try Self.slot("2030-03-04 11:30", "2030-03-04 12:30")
        let monday = try Self.monday()
        do throws(SchedulingRefusal) {
            try Self.check(slot, monday)
            Issue.record("a slot across lunch was accepted")
        } catch {
            guard case .outsideWorkingHours(_, let day, let hours, _) = error else {
                Issue.record("unexpected refusal \(error)")
                return
            }
            #expect(day == LocalDate("2030-03-04"))
            #expect(hours.count == 2)
            #expect(
                error.message(in: Self.rome)
                    == "Mario Rossi works on 2030-03-04 only 08:00–12:00 and 13:00–17:00; 11:30–12:30 is outside those hours."
            )
        }
    }

    @Test func check_refuses_aDayWithoutWorkingHours() throws {
        let sunday = SchedulingRules.Availability(
            presences: [try Self.presence("2030-03-10 08:00", "2030-03-10 17:00")], workingWeek: .standard)
        let slot = try Self.slot("2030-03-10 10:00", "2030-03-10 11:00")
        #expect(
            throws: SchedulingRefusal.outsideWorkingHours(
                operatorName: "Mario Rossi", day: try #require(LocalDate("2030-03-10")), hours: [], slot: slot)
        ) {
            try Self.check(slot, sunday)
        }
        #expect(
            SchedulingRefusal.outsideWorkingHours(
                operatorName: "Mario Rossi", day: try #require(LocalDate("2030-03-10")), hours: [], slot: slot
            ).message(in: Self.rome) == "Mario Rossi does not work on Sunday 2030-03-10.")
    }

    // MARK: Holidays and absences

    @Test func check_refuses_aCompanyHoliday() throws {
        let day = try #require(LocalDate("2030-04-25"))
        let availability = SchedulingRules.Availability(
            presences: [try Self.presence("2030-04-24 08:00", "2030-04-26 17:00")],
            holidays: [.init(day: day, name: "Liberazione")])
        #expect(throws: SchedulingRefusal.holiday(day: day, name: "Liberazione")) {
            try Self.check(try Self.slot("2030-04-25 10:00", "2030-04-25 11:00"), availability)
        }
        #expect(
            SchedulingRefusal.holiday(day: day, name: "Liberazione").message(in: Self.rome)
                == "2030-04-25 is a company holiday (Liberazione).")
        // Ending at midnight touches the holiday without entering it.
        try Self.check(try Self.slot("2030-04-24 23:00", "2030-04-25 00:00"), availability)
        #expect(throws: SchedulingRefusal.holiday(day: day, name: "Liberazione")) {
            try Self.check(try Self.slot("2030-04-24 23:30", "2030-04-25 00:30"), availability)
        }
    }

    @Test func check_refuses_anOverlappingAbsence_butNotATouchingOne() throws {
        var availability = try Self.monday()
        availability.absences = [.init(reason: "Training", slot: try Self.slot("2030-03-04 08:00", "2030-03-04 10:00"))]
        #expect(
            throws: SchedulingRefusal.absent(
                operatorName: "Mario Rossi", day: try #require(LocalDate("2030-03-04")), reason: "Training")
        ) {
            try Self.check(try Self.slot("2030-03-04 09:30", "2030-03-04 10:30"), availability)
        }
        try Self.check(try Self.slot("2030-03-04 10:00", "2030-03-04 11:00"), availability)
        #expect(
            SchedulingRefusal.absent(
                operatorName: "Mario Rossi", day: try #require(LocalDate("2030-03-04")), reason: "Training"
            )
            .message(in: Self.rome) == "Mario Rossi is absent on 2030-03-04 (Training).")
    }

    @Test func check_prefersTheHolidayAndAbsence_overTheMissingPresence() throws {
        // Grey wins over "not present": the back office learns the real reason.
        let day = try #require(LocalDate("2030-03-04"))
        let availability = SchedulingRules.Availability(presences: [], holidays: [.init(day: day, name: "Patrono")])
        #expect(throws: SchedulingRefusal.holiday(day: day, name: "Patrono")) {
            try Self.check(try Self.slot("2030-03-04 10:00", "2030-03-04 11:00"), availability)
        }
    }

    // MARK: Links

    @Test func check_refuses_anOperatorNotLinked() throws {
        #expect(throws: SchedulingRefusal.notLinked(operatorName: "Mario Rossi", activityName: "Repair call")) {
            try Self.check(
                try Self.slot("2030-03-04 10:00", "2030-03-04 11:00"), try Self.monday(), activity: Self.repair)
        }
        #expect(
            SchedulingRefusal.notLinked(operatorName: "Mario Rossi", activityName: "Repair call").message(in: Self.rome)
                == "Mario Rossi is not linked to Repair call.")
    }

    @Test func check_accepts_anOperatorLinkedDirectly_throughAGroup_orAnOpenType() throws {
        let slot = try Self.slot("2030-03-04 10:00", "2030-03-04 11:00")
        var direct = Self.repair
        direct.operatorIDs.insert("op-mario")
        try Self.check(slot, try Self.monday(), activity: direct)
        let group = SchedulingRules.ActivityLinks(
            activityTypeID: "at-repair", name: "Repair call", groups: ["Technicians"])
        try Self.check(slot, try Self.monday(), activity: group)
        #expect(group.link(for: Self.mario) == .group("Technicians"))
        let open = SchedulingRules.ActivityLinks(activityTypeID: "at-repair", name: "Repair call")
        try Self.check(slot, try Self.monday(), activity: open)
        // A direct appointment has no type: no link rule.
        try Self.check(slot, try Self.monday(), activity: nil)
    }

    // MARK: DST in Europe/Rome

    @Test func presence_onTheSpringForwardDay_keepsItsLocalTimes() throws {
        let rule = PresenceRecurrence(
            frequency: .daily, startTime: LocalTime(hour: 8), endTime: LocalTime(hour: 17),
            validFrom: try #require(LocalDate("2030-03-01")))
        // Saturday before: CET (UTC+1); Sunday 2030-03-31: CEST (UTC+2) from 02:00.
        #expect(
            rule.slot(on: try #require(LocalDate("2030-03-30")), in: Self.rome)
                == TimeSlot(start: try Self.utc("2030-03-30T07:00:00Z"), end: try Self.utc("2030-03-30T16:00:00Z")))
        #expect(
            rule.slot(on: try #require(LocalDate("2030-03-31")), in: Self.rome)
                == TimeSlot(start: try Self.utc("2030-03-31T06:00:00Z"), end: try Self.utc("2030-03-31T15:00:00Z")))
    }

    @Test func presence_onTheFallBackDay_keepsItsLocalTimes() throws {
        let rule = PresenceRecurrence(
            frequency: .daily, startTime: LocalTime(hour: 8), endTime: LocalTime(hour: 17),
            validFrom: try #require(LocalDate("2030-10-01")))
        #expect(
            rule.slot(on: try #require(LocalDate("2030-10-26")), in: Self.rome)
                == TimeSlot(start: try Self.utc("2030-10-26T06:00:00Z"), end: try Self.utc("2030-10-26T15:00:00Z")))
        #expect(
            rule.slot(on: try #require(LocalDate("2030-10-27")), in: Self.rome)
                == TimeSlot(start: try Self.utc("2030-10-27T07:00:00Z"), end: try Self.utc("2030-10-27T16:00:00Z")))
    }

    @Test func nightShift_lastsAsTheWallClockSays_acrossDSTChanges() throws {
        let night = PresenceRecurrence(
            frequency: .daily, startTime: LocalTime(hour: 22), endTime: LocalTime(hour: 6),
            validFrom: try #require(LocalDate("2030-01-01")))
        #expect(night.slot(on: try #require(LocalDate("2030-03-30")), in: Self.rome).minutes == 7 * 60)
        #expect(night.slot(on: try #require(LocalDate("2030-10-26")), in: Self.rome).minutes == 9 * 60)
        #expect(night.slot(on: try #require(LocalDate("2030-03-04")), in: Self.rome).minutes == 8 * 60)
    }

    @Test func presence_startingInTheSkippedHour_movesToTheNextRealTime() throws {
        // 02:30 does not exist in Rome on 2030-03-31 (02:00 → 03:00); Calendar moves it forward.
        let early = PresenceRecurrence(
            frequency: .daily, startTime: LocalTime(hour: 2, minute: 30), endTime: LocalTime(hour: 6),
            validFrom: try #require(LocalDate("2030-03-01")))
        let slot = early.slot(on: try #require(LocalDate("2030-03-31")), in: Self.rome)
        #expect(slot.start == (try Self.utc("2030-03-31T01:30:00Z")))
        #expect(slot.end == (try Self.utc("2030-03-31T04:00:00Z")))
    }

    @Test func check_onTheSpringForwardDay_usesSummerTime() throws {
        let sunday = try #require(LocalDate("2030-03-31"))
        let everyDay = WorkingWeek(
            days: Dictionary(
                uniqueKeysWithValues: (1...7).map {
                    ($0, [WorkingWeek.Interval(start: LocalTime(hour: 8), end: LocalTime(hour: 12))])
                }))
        let rule = PresenceRecurrence(
            frequency: .daily, startTime: LocalTime(hour: 8), endTime: LocalTime(hour: 17), validFrom: sunday)
        let availability = SchedulingRules.Availability(
            presences: [.init(zone: "Milano", slot: rule.slot(on: sunday, in: Self.rome))], workingWeek: everyDay)
        // 08:00–09:00 CEST is 06:00–07:00Z.
        try Self.check(TimeSlot(start: try Self.utc("2030-03-31T06:00:00Z"), minutes: 60), availability)
        // 07:00 CEST (05:00Z) would be 08:00 in winter time: before the presence.
        #expect(throws: SchedulingRefusal.self) {
            try Self.check(TimeSlot(start: try Self.utc("2030-03-31T05:00:00Z"), minutes: 60), availability)
        }
        // 11:30–12:30 CEST crosses the end of the working morning.
        #expect(throws: SchedulingRefusal.self) {
            try Self.check(TimeSlot(start: try Self.utc("2030-03-31T09:30:00Z"), minutes: 60), availability)
        }
    }

    @Test func check_onTheFallBackDay_usesWinterTime() throws {
        let sunday = try #require(LocalDate("2030-10-27"))
        let rule = PresenceRecurrence(
            frequency: .daily, startTime: LocalTime(hour: 8), endTime: LocalTime(hour: 17), validFrom: sunday)
        let availability = SchedulingRules.Availability(presences: [
            .init(zone: "Milano", slot: rule.slot(on: sunday, in: Self.rome))
        ])
        // 16:00–17:00 CET is 15:00–16:00Z: the last hour of the presence.
        try Self.check(TimeSlot(start: try Self.utc("2030-10-27T15:00:00Z"), minutes: 60), availability)
        #expect(throws: SchedulingRefusal.self) {
            try Self.check(TimeSlot(start: try Self.utc("2030-10-27T15:30:00Z"), minutes: 60), availability)
        }
    }

    @Test func localDays_ofASlotEndingAtMidnight_excludeTheNextDay() throws {
        let days = SchedulingRules.localDays(of: try Self.slot("2030-03-04 22:00", "2030-03-05 00:00"), in: Self.rome)
        #expect(days == [try #require(LocalDate("2030-03-04"))])
    }
}
