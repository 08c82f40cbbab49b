public import Foundation

/// The rules an appointment must satisfy, as pure functions of values (no I/O), so they can be
/// tested exhaustively and run inside the write transaction that stores the appointment: two
/// back-office users dropping onto the same slot cannot both win.
///
/// This skeleton checks the interval, the operator and overlaps; working hours, presences,
/// holidays and competence (SPEC R6–R9, R7) join here with the planner issue.
public enum SchedulingRules {
    /// An operator as the rules need to see them.
    public struct Operator: Sendable, Equatable {
        public var id: String
        public var name: String
        public var active: Bool
        public init(id: String, name: String, active: Bool) {
            self.id = id
            self.name = name
            self.active = active
        }
    }

    /// Another appointment of the same operator.
    public struct Booking: Sendable, Equatable {
        public var appointmentID: String
        public var title: String
        public var slot: TimeSlot
        public init(appointmentID: String, title: String, slot: TimeSlot) {
            self.appointmentID = appointmentID
            self.title = title
            self.slot = slot
        }
    }

    /// Longest appointment the planner accepts: a working day and a half.
    public static let maximumMinutes = 12 * 60

    /// Checks `slot` for `operator` against their other bookings (the appointment being moved,
    /// if any, must not be among them). Returns normally when it fits.
    public static func check(
        slot: TimeSlot, for person: Operator?, operatorID: String, against bookings: [Booking]
    ) throws(SchedulingRefusal) {
        guard slot.end > slot.start else { throw .endNotAfterStart }
        guard slot.minutes <= maximumMinutes else { throw .tooLong(minutes: slot.minutes) }
        guard let person else { throw .unknownOperator(operatorID) }
        guard person.active else { throw .inactiveOperator(person.name) }
        if let clash = bookings
            .filter({ $0.slot.overlaps(slot) })
            .min(by: { $0.slot.start < $1.slot.start }) {
            throw .overlaps(operatorName: person.name, title: clash.title, slot: clash.slot)
        }
    }
}

/// Why an appointment does not fit, in words a back-office user understands. Times are shown
/// in the company's time zone by `message(in:)`.
public enum SchedulingRefusal: Error, Equatable {
    case endNotAfterStart
    case tooLong(minutes: Int)
    case unknownOperator(String)
    case inactiveOperator(String)
    case overlaps(operatorName: String, title: String, slot: TimeSlot)

    public func message(in timeZone: TimeZone) -> String {
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
            let day = Self.format(slot.start, "yyyy-MM-dd", timeZone)
            return "\(name) already has \(title) from \(Self.format(slot.start, "HH:mm", timeZone)) to \(Self.format(slot.end, "HH:mm", timeZone)) on \(day)."
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
