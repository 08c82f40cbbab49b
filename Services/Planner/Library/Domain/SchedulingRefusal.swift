public import Foundation

/// Why an appointment does not fit, in words a back-office user understands. Times are shown
/// in the company's time zone by `message(in:)`.
public enum SchedulingRefusal: Error, Equatable {
    case endNotAfterStart
    case tooLong(minutes: Int)
    case unknownOperator(String)
    case inactiveOperator(String)
    case overlaps(operatorName: String, title: String, slot: TimeSlot)
    /// The activity type is linked to other operators or groups only (R7).
    case notLinked(operatorName: String, activityName: String)
    /// The slot touches a company holiday (R9).
    case holiday(day: LocalDate, name: String)
    /// The slot overlaps one of the operator's absences (R9); `day` is where the overlap starts.
    case absent(operatorName: String, day: LocalDate, reason: String)
    /// No presence of the operator overlaps the slot at all (R8).
    case notPresent(operatorName: String, at: Date)
    /// A presence overlaps the slot but does not cover it: the slot is half outside.
    case partlyPresent(operatorName: String, presence: TimeSlot, slot: TimeSlot)
    /// The slot is outside the operator's working hours (R6); `hours` are those of `day`.
    case outsideWorkingHours(operatorName: String, day: LocalDate, hours: [TimeSlot], slot: TimeSlot)

    /// The sentence shown when a drop snaps back.
    public func message(in timeZone: TimeZone) -> String {
        func day(_ date: Date) -> String { LocalDate(containing: date, in: timeZone).description }
        func time(_ date: Date) -> String { Self.format(date, "HH:mm", timeZone) }
        switch self {
        case .endNotAfterStart:
            return "The appointment must end after it starts."
        case .tooLong(let minutes):
            return "An appointment can last at most \(SchedulingRules.maximumMinutes / 60) hours; this one lasts \(minutes / 60) h \(minutes % 60) min."
        case .unknownOperator(let id):
            return "There is no operator '\(id)' in the planner."
        case .inactiveOperator(let name):
            return "\(name) is no longer active and cannot receive appointments."
        case .overlaps(let name, let title, let slot):
            return "\(name) already has \(title) from \(time(slot.start)) to \(time(slot.end)) on \(day(slot.start))."
        case .notLinked(let name, let activity):
            return "\(name) is not linked to \(activity)."
        case .holiday(let holiday, let name):
            return "\(holiday) is a company holiday (\(name))."
        case .absent(let name, let absentDay, let reason):
            return "\(name) is absent on \(absentDay) (\(reason))."
        case .notPresent(let name, let at):
            return "\(name) is not present on \(day(at)) at \(time(at))."
        case .partlyPresent(let name, let presence, let slot):
            return "\(name) is present on \(day(presence.start)) only from \(time(presence.start)) to \(time(presence.end)); the appointment runs from \(time(slot.start)) to \(time(slot.end))."
        case .outsideWorkingHours(let name, let workDay, let hours, let slot):
            guard !hours.isEmpty else {
                return "\(name) does not work on \(Self.format(slot.start, "EEEE", timeZone)) \(workDay)."
            }
            let list = hours.map { "\(time($0.start))–\(time($0.end))" }
            let joined = list.count == 1 ? list[0] : list.dropLast().joined(separator: ", ") + " and " + (list.last ?? "")
            return "\(name) works on \(workDay) only \(joined); \(time(slot.start))–\(time(slot.end)) is outside those hours."
        }
    }

    private static func format(_ date: Date, _ pattern: String, _ timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
