import Foundation

/// Where each call of a chaos run is booked, decided up front so a retried scheduling asks for
/// the same slot: call `i` goes to technician `i % technicians`, on their `(i / technicians)`-th
/// free slot of `minutes`, in the standard working week the planner gives a new technician
/// (Mon–Fri 08:00–12:00 and 13:00–17:00, company time), from the Monday after next.
struct ChaosCalendar: Sendable {
    /// The length of every appointment.
    let minutes: Int
    /// How many technicians share the calls.
    let technicians: Int
    /// The working days booked, as many as the calls need.
    let days: [Date]
    private let calendar: Calendar

    /// The calendar of a run of `tickets` calls shared by `technicians`, appointments of `minutes`, working days
    /// counted in `timeZone`.
    init(minutes: Int, technicians: Int, tickets: Int, timeZone: TimeZone = ChaosCalendar.companyTimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        self.minutes = minutes
        self.technicians = technicians
        let perDay = 480 / minutes
        let slotsEach = (tickets + technicians - 1) / technicians
        let needed = max(1, (slotsEach + perDay - 1) / perDay)
        let today = calendar.startOfDay(for: Date())
        let nextMonday =
            calendar.nextDate(after: today, matching: DateComponents(weekday: 2), matchingPolicy: .nextTime) ?? today
        var day = calendar.date(byAdding: .day, value: 7, to: nextMonday) ?? nextMonday
        var days: [Date] = []
        while days.count < needed {
            if !calendar.isDateInWeekend(day) { days.append(day) }
            day = calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400)
        }
        self.days = days
    }

    /// The company's zone as the services read it (`ARIANNA_TIME_ZONE`, default Europe/Rome).
    static var companyTimeZone: TimeZone {
        ProcessInfo.processInfo.environment["ARIANNA_TIME_ZONE"].flatMap(TimeZone.init(identifier:))
            ?? TimeZone(identifier: "Europe/Rome") ?? .gmt
    }

    /// The technician (by position) and the slot of call `index`.
    func slot(of index: Int) -> (technician: Int, start: Date, end: Date) {
        let perDay = 480 / minutes
        let number = index / technicians
        let day = days[number / perDay]
        var offset = (number % perDay) * minutes
        if offset >= 240 { offset += 60 }  // the lunch break, 12:00–13:00
        // 08:00 through the calendar, not by adding seconds to midnight, in case of a clock change.
        let eight = calendar.date(bySettingHour: 8, minute: 0, second: 0, of: day) ?? day
        let start = eight.addingTimeInterval(TimeInterval(offset * 60))
        return (index % technicians, start, start.addingTimeInterval(TimeInterval(minutes * 60)))
    }

    /// The first booked day as the planner's presence generation takes it (`YYYY-MM-DD`).
    var firstDay: String { Self.text(days[0], calendar) }
    /// The last booked day, likewise.
    var lastDay: String { Self.text(days[days.count - 1], calendar) }

    private static func text(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
