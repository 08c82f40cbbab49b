import AriannaProtocol
import Foundation
import GRDB
import PlannerDomain
import Testing

@testable import PlannerService
@testable import ServiceKit

/// The availability store and the rules as the store enforces them (R6–R9, R7, R15, §5).
@Suite struct AvailabilityStoreTests {
    static func day(_ text: String) throws -> LocalDate { try #require(LocalDate(text)) }

    static func presenceCount(_ fixture: PlannerFixture, ruleID: String? = nil) async throws -> Int {
        try await fixture.context.database.read { db in
            var request = PresenceRecord.all()
            if let ruleID { request = request.filter(PresenceRecord.Columns.ruleID == ruleID) }
            return try request.fetchCount(db)
        }
    }

    // MARK: Generation

    @Test func generate_twice_changesNothingTheSecondTime() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let first = try await fixture.generatePresences(from: "2030-03-01", to: "2030-04-30")
        // Mon–Fri: 21 days in March 2030, 22 in April, for Mario and Lucia.
        #expect(first.state == .done)
        #expect(first.created == 86)
        #expect(first.unchanged == 0)
        #expect(first.total == 4 && first.processed == 4 && first.percent == 100)
        let second = try await fixture.generatePresences(from: "2030-03-01", to: "2030-04-30")
        #expect(second.created == 0)
        #expect(second.unchanged == 86)
        #expect(try await Self.presenceCount(fixture) == 86)
    }

    @Test func generate_forSomeOperators_leavesTheOthersAlone() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let job = try await fixture.generatePresences(from: "2030-03-01", to: "2030-03-31", operatorIDs: ["op-lucia"])
        #expect(job.created == 21)
        let mario = try await fixture.availability.presences(
            operatorIDs: ["op-mario"], from: PlannerFixture.start.addingTimeInterval(-30 * 86_400),
            to: PlannerFixture.start, page: PageRequest(limit: 200)
        ).items
        #expect(mario.isEmpty)
    }

    @Test func generate_everyTwoWeeks_andOnThe31stOfEveryMonth() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let fortnightly = try await fixture.availability.addPresenceRule(
            NewPresenceRule(
                operatorID: "op-lucia", zone: "Como", frequency: .weekly, interval: 2, weekdays: [3],
                start: try #require(LocalTime("09:00")), end: try #require(LocalTime("13:00")),
                validFrom: try Self.day("2030-01-02")))
        let monthly = try await fixture.availability.addPresenceRule(
            NewPresenceRule(
                operatorID: "op-lucia", zone: "Bergamo", frequency: .monthly, dayOfMonth: 31,
                start: try #require(LocalTime("14:00")), end: try #require(LocalTime("18:00")),
                validFrom: try Self.day("2030-01-01")))
        try await fixture.generatePresences(from: "2030-01-01", to: "2030-12-31", operatorIDs: ["op-lucia"])
        // 52 Wednesdays from 2030-01-02, every other one: 26. The 31st exists in 7 months.
        #expect(try await Self.presenceCount(fixture, ruleID: fortnightly.id) == 26)
        #expect(try await Self.presenceCount(fixture, ruleID: monthly.id) == 7)
        // Deleting a rule removes what it generated.
        #expect(try await fixture.availability.deletePresenceRule(id: monthly.id) == 7)
        #expect(try await Self.presenceCount(fixture, ruleID: monthly.id) == 0)
        await #expect(throws: AvailabilityError.presenceRuleNotFound(monthly.id)) {
            try await fixture.availability.deletePresenceRule(id: monthly.id)
        }
    }

    @Test func generate_refusesARunawayRange_andASecondJobWhileOneIsPending() async throws {
        let fixture = try await PlannerFixture(generate: false)
        do {
            _ = try await fixture.availability.startGeneration(
                GeneratePresences(from: try Self.day("2026-12-01"), to: try Self.day("2029-01-01")))
            Issue.record("a 25-month range was accepted")
        } catch let error as AvailabilityError {
            #expect(error.kind == .invalid)
            #expect(error.message(in: .gmt).contains("at most 2 years"))
        }
        let pending = try await fixture.availability.startGeneration(
            GeneratePresences(from: try Self.day("2030-03-01"), to: try Self.day("2030-03-31")))
        await #expect(throws: AvailabilityError.generationRunning(jobID: pending.id)) {
            try await fixture.availability.startGeneration(
                GeneratePresences(from: try Self.day("2030-03-01"), to: try Self.day("2030-03-31")))
        }
        await #expect(throws: AvailabilityError.operatorsNotFound(["op-ghost"])) {
            try await fixture.context.database.write { db in try db.execute(sql: "DELETE FROM generationJob") }
            _ = try await fixture.availability.startGeneration(
                GeneratePresences(
                    from: try Self.day("2030-03-01"), to: try Self.day("2030-03-31"), operatorIDs: ["op-ghost"]))
        }
    }

    @Test func newOperator_getsTheDefaultAvailabilityOnce() async throws {
        let fixture = try await PlannerFixture(generate: false)
        #expect(try await fixture.availability.workingHours(operatorID: "op-mario").count == 10)
        #expect(
            try await fixture.availability.presenceRules(operatorID: "op-mario", page: PageRequest(limit: 200)).items
                .map(\.zone) == ["default"])
        // A later snapshot of a known operator leaves edited hours alone.
        try await fixture.availability.setWorkingHours(
            SetWorkingHours(
                operatorIDs: ["op-mario"], week: ["6": [.init(start: LocalTime(hour: 9), end: LocalTime(hour: 13))]]))
        try await fixture.addOperator("op-mario", name: "Mario Rossi")
        #expect(try await fixture.availability.workingHours(operatorID: "op-mario").map(\.weekday) == [6])
        #expect(
            try await fixture.availability.presenceRules(operatorID: "op-mario", page: PageRequest(limit: 200)).items
                .count == 1)
    }

    // MARK: Working hours

    @Test func setWorkingHours_forManyOperators_isAllOrNothing() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let week: [String: [WorkingWeek.Interval]] = ["1": [.init(start: LocalTime(hour: 7), end: LocalTime(hour: 15))]]
        await #expect(throws: AvailabilityError.operatorsNotFound(["op-ghost"])) {
            try await fixture.availability.setWorkingHours(
                SetWorkingHours(operatorIDs: ["op-mario", "op-ghost"], week: week))
        }
        #expect(try await fixture.availability.workingHours(operatorID: "op-mario").count == 10)
        let rows = try await fixture.availability.setWorkingHours(
            SetWorkingHours(operatorIDs: ["op-mario", "op-lucia"], week: week))
        #expect(rows.count == 2)
        #expect(
            try await fixture.availability.workingHours(operatorID: "op-lucia")
                == [
                    WorkingHoursRecord(
                        operatorID: "op-lucia", weekday: 1, start: LocalTime(hour: 7), end: LocalTime(hour: 15))
                ])
    }

    @Test func setWorkingHours_refusesOverlapsAndBackwardIntervals() async throws {
        let fixture = try await PlannerFixture(generate: false)
        func week(_ intervals: [(Int, Int)]) -> SetWorkingHours {
            SetWorkingHours(
                operatorIDs: ["op-mario"],
                week: [
                    "2": intervals.map {
                        .init(start: LocalTime(hour: $0.0), end: LocalTime(hour: $0.1))
                    }
                ])
        }
        await #expect(
            throws: AvailabilityError.invalid(
                Wording(
                    it: "Martedì: 08:00–12:00 e 11:00–13:00 si sovrappongono.",
                    en: "Tuesday: 08:00–12:00 and 11:00–13:00 overlap."))
        ) {
            try await fixture.availability.setWorkingHours(week([(11, 13), (8, 12)]))
        }
        await #expect(
            throws: AvailabilityError.invalid(
                Wording(
                    it: "Martedì: 12:00–08:00 deve finire dopo l'inizio.",
                    en: "Tuesday: 12:00–08:00 must end after it starts."))
        ) {
            try await fixture.availability.setWorkingHours(week([(12, 8)]))
        }
        await #expect(throws: AvailabilityError.self) {
            try await fixture.availability.setWorkingHours(SetWorkingHours(operatorIDs: ["op-mario"], week: ["8": []]))
        }
    }

    // MARK: The rules through the store

    @Test func schedule_isRefused_onAHolidayOrAbsence_andOutsidePresence() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.openTicket("t1", number: "TCK/2030/000001")
        _ = try await fixture.availability.addHoliday(NewHoliday(day: try Self.day("2030-03-19"), name: "San Giuseppe"))
        _ = try await fixture.availability.addAbsence(
            AbsenceInput(
                operatorID: "op-mario", firstDay: try Self.day("2030-03-18"), reason: "Training"))
        await #expect(
            throws: PlannerError.refused(
                .absent(operatorName: "Mario Rossi", day: try Self.day("2030-03-18"), reason: "Training"))
        ) {
            try await fixture.store.schedule(
                ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))
        }
        await #expect(throws: PlannerError.refused(.holiday(day: try Self.day("2030-03-19"), name: "San Giuseppe"))) {
            try await fixture.store.schedule(
                ScheduleRequest(
                    ticketID: "t1", operatorID: "op-lucia", start: PlannerFixture.monday.addingTimeInterval(86_400)))
        }
        // Sunday 2030-03-17: no presence (Mon–Fri rule).
        await #expect(
            throws: PlannerError.refused(.notPresent(operatorName: "Lucia Bianchi", at: PlannerFixture.start))
        ) {
            try await fixture.store.schedule(
                ScheduleRequest(ticketID: "t1", operatorID: "op-lucia", start: PlannerFixture.start))
        }
        #expect(try await fixture.outboxTypes().isEmpty)
        _ = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: "op-lucia", start: PlannerFixture.monday))
    }

    @Test func schedule_followsTheLinks_directOrThroughAGroup() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.addActivityType("at-repair", code: "REPAIR", name: "Repair")
        try await fixture.addOperator("op-anna", name: "Anna Verdi", groups: ["Heating"])
        try await fixture.generatePresences(from: "2030-03-01", to: "2030-03-31", operatorIDs: ["op-anna"])
        try await fixture.availability.setLinks(
            activityTypeID: "at-repair", SetActivityLinks(operatorIDs: ["op-lucia"], groups: ["Heating"]))
        for id in ["t1", "t2", "t3"] { try await fixture.openTicket(id, number: "TCK/2030/\(id)") }
        await #expect(throws: PlannerError.refused(.notLinked(operatorName: "Mario Rossi", activityName: "Repair"))) {
            try await fixture.store.schedule(
                ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))
        }
        _ = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: "op-lucia", start: PlannerFixture.monday))
        _ = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t2", operatorID: "op-anna", start: PlannerFixture.monday))
        // A direct appointment has no activity type: Mario may take it.
        _ = try await fixture.store.schedule(
            ScheduleRequest(
                ticketID: nil, operatorID: "op-mario", start: PlannerFixture.monday,
                end: PlannerFixture.monday.addingTimeInterval(1800),
                title: "Van inspection"))
        // Moving a linked call to an unlinked operator is refused too.
        let lucias = try await fixture.store.appointments(operatorID: "op-lucia", from: nil, to: nil)
        await #expect(throws: PlannerError.self) {
            try await fixture.store.move(
                appointmentID: try #require(lucias.first).id,
                to: MoveRequest(
                    operatorID: "op-mario", start: PlannerFixture.monday.addingTimeInterval(3600)))
        }
        // Clearing the links opens the type to everybody again.
        let links = try await fixture.availability.setLinks(activityTypeID: "at-repair", SetActivityLinks())
        #expect(links.open)
        _ = try await fixture.store.schedule(
            ScheduleRequest(
                ticketID: "t3", operatorID: "op-mario", start: PlannerFixture.monday.addingTimeInterval(3600)))
    }

    @Test func absences_cannotOverlap_andCoverWholeLocalDays() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let absence = try await fixture.availability.addAbsence(
            AbsenceInput(
                operatorID: "op-lucia", firstDay: try Self.day("2030-03-31"), lastDay: try Self.day("2030-04-01"),
                reason: "Holiday"))
        // Local midnight to local midnight: 23 hours on the spring-forward day, 47 in all.
        #expect(absence.slot.minutes == 47 * 60)
        await #expect(throws: AvailabilityError.self) {
            try await fixture.availability.addAbsence(
                AbsenceInput(
                    operatorID: "op-lucia", firstDay: try Self.day("2030-04-01"), reason: "Dentist"))
        }
        await #expect(
            throws: AvailabilityError.invalid(
                Wording(
                    it: "Indica il motivo dell'assenza (reason), ad es. Formazione.",
                    en: "Give the reason of the absence (reason), e.g. Training."))
        ) {
            try await fixture.availability.addAbsence(
                AbsenceInput(operatorID: "op-lucia", firstDay: try Self.day("2030-05-01"), reason: " "))
        }
        let moved = try await fixture.availability.updateAbsence(
            id: absence.id,
            AbsenceInput(
                operatorID: "op-lucia", firstDay: try Self.day("2030-04-02"), reason: "Holiday"))
        #expect(moved.id == absence.id)
        try await fixture.availability.deleteAbsence(id: absence.id)
        #expect(
            try await fixture.availability.absences(operatorIDs: nil, from: nil, to: nil, page: PageRequest(limit: 200))
                .items.isEmpty)
    }

    @Test func holidays_areUniquePerDay() async throws {
        let fixture = try await PlannerFixture(generate: false)
        _ = try await fixture.availability.addHoliday(NewHoliday(day: try Self.day("2030-04-25"), name: "Liberazione"))
        await #expect(throws: AvailabilityError.holidayExists(day: try Self.day("2030-04-25"), name: "Liberazione")) {
            try await fixture.availability.addHoliday(NewHoliday(day: try Self.day("2030-04-25"), name: "Again"))
        }
        _ = try await fixture.availability.setHoliday(
            day: try Self.day("2030-04-25"), HolidayName(name: "Festa della Liberazione"))
        #expect(
            try await fixture.availability.holidays(from: nil, to: nil, page: PageRequest(limit: 200)).items.map(\.name)
                == ["Festa della Liberazione"])
        try await fixture.availability.deleteHoliday(day: try Self.day("2030-04-25"))
        await #expect(throws: AvailabilityError.holidayNotFound(try Self.day("2030-04-25"))) {
            try await fixture.availability.deleteHoliday(day: try Self.day("2030-04-25"))
        }
    }

    // MARK: Suggestions and to-do

    @Test func suggestions_rankEarliestThenZoneThenWorkload_withReasons() async throws {
        let fixture = try await PlannerFixture()
        // Lucia is in Como on Mondays as well (a second presence rule, same hours).
        _ = try await fixture.availability.addPresenceRule(
            NewPresenceRule(
                operatorID: "op-lucia", zone: "Como", frequency: .weekly, weekdays: [1],
                start: LocalTime(hour: 8), end: LocalTime(hour: 17), validFrom: try Self.day("2030-03-01")))
        try await fixture.generatePresences(from: "2030-03-01", to: "2030-03-31", operatorIDs: ["op-lucia"])
        try await fixture.openTicket("t1", number: "TCK/2030/000001", zone: "Como")
        let list = try await fixture.store.suggestions(ticketID: "t1", from: PlannerFixture.start, days: 14, limit: 3)
        #expect(list.suggestions.count == 3)
        let first = try #require(list.suggestions.first)
        // Monday 08:00 in Rome, Lucia first: same start as Mario, but in the customer's zone.
        #expect(first.operatorID == "op-lucia")
        #expect(first.start == PlannerFixture.monday.addingTimeInterval(-3600))
        #expect(first.reasons.contains("in the customer's zone Como"))
        #expect(list.suggestions[1].operatorID == "op-mario")
        #expect(list.suggestions[1].reasons.contains("in zone default, not the customer's Como"))

        // Taking the suggestion as it is succeeds.
        _ = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: first.operatorID, start: first.start))
        await #expect(throws: PlannerError.ticketNotUnscheduled(number: "TCK/2030/000001", state: .scheduled)) {
            try await fixture.store.suggestions(ticketID: "t1", from: PlannerFixture.start, days: 14, limit: 3)
        }
    }

    @Test func todo_listsTheOperatorsAppointmentsInOrder() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.openTicket("t1", number: "TCK/2030/000001")
        try await fixture.openTicket("t2", number: "TCK/2030/000002")
        _ = try await fixture.store.schedule(
            ScheduleRequest(
                ticketID: "t2", operatorID: "op-mario", start: PlannerFixture.monday.addingTimeInterval(86_400)))
        _ = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))
        let todo = try await fixture.store.todo(
            operatorID: "op-mario", from: PlannerFixture.start, to: PlannerFixture.start.addingTimeInterval(7 * 86_400))
        #expect(todo.appointments.map(\.ticketID) == ["t1", "t2"])
        #expect(todo.operatorName == "Mario Rossi")
        await #expect(throws: AvailabilityError.operatorsNotFound(["op-ghost"])) {
            try await fixture.store.todo(
                operatorID: "op-ghost", from: PlannerFixture.start, to: PlannerFixture.start.addingTimeInterval(86_400))
        }
    }
}
