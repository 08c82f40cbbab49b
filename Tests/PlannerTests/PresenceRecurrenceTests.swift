import Foundation
import GRDB
import PlannerDomain
import Testing

@testable import PlannerService

/// Which days a presence rule generates (R8), and the local day arithmetic underneath.
@Suite struct PresenceRecurrenceTests {
    static let rome = TimeZone(identifier: "Europe/Rome") ?? .gmt

    static func days(_ rule: PresenceRecurrence, _ from: String, _ to: String) throws -> [String] {
        let first = try #require(LocalDate(from))
        let last = try #require(LocalDate(to))
        return (first.dayNumber...last.dayNumber).map(LocalDate.init(dayNumber:)).filter(rule.occurs(on:)).map(
            \.description)
    }

    static func rule(
        _ frequency: PresenceRecurrence.Frequency, interval: Int = 1, weekdays: Set<Int> = [], dayOfMonth: Int? = nil,
        from: String = "2030-01-01", to: String? = nil
    ) throws -> PresenceRecurrence {
        PresenceRecurrence(
            frequency: frequency, interval: interval, weekdays: weekdays, dayOfMonth: dayOfMonth,
            startTime: LocalTime(hour: 8), endTime: LocalTime(hour: 17), validFrom: try #require(LocalDate(from)),
            validTo: try to.map { try #require(LocalDate($0)) })
    }

    @Test func daily_everyDay_andOnWeekdaysOnly() throws {
        #expect(try Self.days(try Self.rule(.daily), "2030-03-01", "2030-03-31").count == 31)
        #expect(try Self.days(try Self.rule(.daily, weekdays: [1, 2, 3, 4, 5]), "2030-03-01", "2030-03-31").count == 21)
    }

    @Test func daily_everyOtherDay_countsFromValidFrom() throws {
        let rule = try Self.rule(.daily, interval: 2, from: "2030-03-02")
        #expect(try Self.days(rule, "2030-03-01", "2030-03-07") == ["2030-03-02", "2030-03-04", "2030-03-06"])
    }

    @Test func weekly_onGivenWeekdays() throws {
        let rule = try Self.rule(.weekly, weekdays: [1, 4])
        #expect(
            try Self.days(rule, "2030-03-01", "2030-03-31").map { String($0.suffix(2)) }
                == ["04", "07", "11", "14", "18", "21", "25", "28"])
    }

    @Test func everyTwoWeeks_countsFromTheWeekOfValidFrom() throws {
        // validFrom is Wednesday 2030-03-06: its week (from Monday 03-04) is week 0, so the
        // Monday of week 0 is before validFrom and the first occurrence is Monday 03-18.
        let rule = try Self.rule(.weekly, interval: 2, weekdays: [1, 5], from: "2030-03-06")
        #expect(
            try Self.days(rule, "2030-03-01", "2030-04-05")
                == ["2030-03-08", "2030-03-18", "2030-03-22", "2030-04-01", "2030-04-05"])
    }

    @Test func monthly_onThe31st_skipsMonthsWithoutIt() throws {
        let rule = try Self.rule(.monthly, dayOfMonth: 31)
        #expect(
            try Self.days(rule, "2030-01-01", "2030-12-31")
                == ["2030-01-31", "2030-03-31", "2030-05-31", "2030-07-31", "2030-08-31", "2030-10-31", "2030-12-31"])
    }

    @Test func everyThreeMonths_countsFromTheMonthOfValidFrom() throws {
        let rule = try Self.rule(.monthly, interval: 3, dayOfMonth: 15, from: "2030-02-20")
        #expect(try Self.days(rule, "2030-01-01", "2031-01-31") == ["2030-05-15", "2030-08-15", "2030-11-15"])
    }

    @Test func validity_boundsTheDays() throws {
        let rule = try Self.rule(.daily, from: "2030-03-10", to: "2030-03-12")
        #expect(try Self.days(rule, "2030-03-01", "2030-03-31") == ["2030-03-10", "2030-03-11", "2030-03-12"])
    }

    @Test func localDate_parsesStrictly_andKnowsItsWeekday() throws {
        #expect(LocalDate("2030-02-30") == nil)
        #expect(LocalDate("2030-3-4") == nil)
        #expect(LocalDate("2032-02-29") != nil)
        #expect(try #require(LocalDate("2030-03-04")).isoWeekday == 1)
        #expect(try #require(LocalDate("2030-03-31")).isoWeekday == 7)
        #expect(try #require(LocalDate("1969-12-31")).isoWeekday == 3)
        for text in ["1970-01-01", "2000-02-29", "2030-12-31", "1900-03-01"] {
            let day = try #require(LocalDate(text))
            #expect(LocalDate(dayNumber: day.dayNumber) == day)
        }
        #expect(LocalTime("24:00")?.minutes == 1440)
        #expect(LocalTime("24:30") == nil)
        #expect(LocalTime("8:00") == nil)
    }

    @Test func localDate_ofAnInstant_followsTheTimeZone() throws {
        let lateUTC = try #require(ISO8601DateFormatter().date(from: "2030-03-04T23:30:00Z"))
        #expect(LocalDate(containing: lateUTC, in: Self.rome).description == "2030-03-05")
        #expect(LocalDate(containing: lateUTC, in: .gmt).description == "2030-03-04")
    }
}

extension PresenceRecurrenceTests {
    @Test func cachedLocalDay_matchesCalendar_aroundDSTChanges() throws {
        var instants = LocalInstants(timeZone: Self.rome)
        let start = try #require(ISO8601DateFormatter().date(from: "2030-03-29T00:00:00Z"))
        for quarter in 0..<(4 * 24 * 4) {
            let instant = start.addingTimeInterval(Double(quarter) * 900)
            #expect(instants.day(containing: instant) == LocalDate(containing: instant, in: Self.rome))
        }
        let autumn = try #require(ISO8601DateFormatter().date(from: "2030-10-25T00:00:00Z"))
        for quarter in 0..<(4 * 24 * 4) {
            let instant = autumn.addingTimeInterval(Double(quarter) * 900)
            #expect(instants.day(containing: instant) == LocalDate(containing: instant, in: Self.rome))
        }
    }
}

extension PresenceRecurrenceTests {
    @Test func databaseDateText_isExactlyWhatGRDBStores() throws {
        for seconds in [0.0, 1_900_051_200, 1_900_051_200.123, 1_585_000_000.5, -86_400.25, 4_102_444_799.999] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(DatabaseDateText.format(date) == String.fromDatabaseValue(date.databaseValue))
        }
    }
}
