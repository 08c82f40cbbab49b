import Foundation
import IntakeDomain
import Testing

@testable import IntakeService

/// The dates of follow-up deadlines (R5 advanced palette): calendar steps in the company's time
/// zone, month ends clamped, series anchored, daylight-saving changes keeping the local time.
@Suite struct FollowUpScheduleTests {
    let rome = TimeZone(identifier: "Europe/Rome")!
    var schedule: FollowUpSchedule { FollowUpSchedule(timeZone: rome) }

    func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 9, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = rome
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    @Test func monthEnd_31January_plusOneMonth_isLastDayOfFebruary() {
        #expect(schedule.dueDate(after: local(2027, 1, 31), by: .init(count: 1, unit: .months)) == local(2027, 2, 28))
        #expect(schedule.dueDate(after: local(2028, 1, 31), by: .init(count: 1, unit: .months)) == local(2028, 2, 29))
    }

    @Test func series_keepsItsAnchorDay_afterAShortMonth() {
        // 31 Jan → 28 Feb → 31 Mar (not 28 Mar): the series remembers it started on the 31st.
        let february = schedule.dueDate(after: local(2027, 1, 31), by: .init(count: 1, unit: .months), anchorDay: 31)
        #expect(february == local(2027, 2, 28))
        let march = schedule.dueDate(after: february!, by: .init(count: 1, unit: .months), anchorDay: 31)
        #expect(march == local(2027, 3, 31))
        let april = schedule.dueDate(after: march!, by: .init(count: 1, unit: .months), anchorDay: 31)
        #expect(april == local(2027, 4, 30))
    }

    @Test func quarterly_crossesTheYear() {
        #expect(schedule.dueDate(after: local(2026, 11, 30), by: .init(count: 3, unit: .months)) == local(2027, 2, 28))
        #expect(schedule.dueDate(after: local(2026, 12, 15), by: .init(count: 3, unit: .months)) == local(2027, 3, 15))
    }

    @Test func daylightSavingStart_keepsTheLocalTime() {
        // Europe/Rome moves to summer time on 28 March 2027: a day step across it is 23 hours.
        let due = schedule.dueDate(after: local(2027, 3, 27, 9), by: .init(count: 1, unit: .days))
        #expect(due == local(2027, 3, 28, 9))
        #expect(due!.timeIntervalSince(local(2027, 3, 27, 9)) == 23 * 3600)
        #expect(
            schedule.dueDate(after: local(2027, 3, 1, 9), by: .init(count: 1, unit: .months)) == local(2027, 4, 1, 9))
    }

    @Test func daylightSavingEnd_keepsTheLocalTime() {
        // Back to winter time on 31 October 2027: a week step across it is 7 days + 1 hour.
        let due = schedule.dueDate(after: local(2027, 10, 28, 9), by: .init(count: 1, unit: .weeks))
        #expect(due == local(2027, 11, 4, 9))
        #expect(due!.timeIntervalSince(local(2027, 10, 28, 9)) == (7 * 24 + 1) * 3600)
    }

    @Test func pastTheHorizon_orNotPositive_givesNoDate() {
        #expect(schedule.dueDate(after: local(2027, 1, 1), by: .init(count: 121, unit: .months)) == nil)
        #expect(schedule.dueDate(after: local(2027, 1, 1), by: .init(count: 0, unit: .days)) == nil)
        #expect(schedule.dueDate(after: local(2027, 1, 1), by: .init(count: -1, unit: .weeks)) == nil)
        #expect(schedule.dueDate(after: local(2027, 1, 1), by: .init(count: 120, unit: .months)) == local(2037, 1, 1))
    }
}
