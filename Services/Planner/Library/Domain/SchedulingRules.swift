public import Foundation

/// The rules an appointment must satisfy, as pure functions of values (no I/O), so they can be
/// tested exhaustively and run inside the write transaction that stores the appointment: two
/// back-office users dropping onto the same slot cannot both win.
///
/// An appointment fits only when (SPEC R6–R9, R12):
/// - it ends after it starts and lasts at most `maximumMinutes`;
/// - its operator exists, is active and is linked to the activity type (R7; a type with no
///   links is open to everybody; direct appointments have no type and skip this rule);
/// - it touches no company holiday and none of the operator's absences (R9);
/// - it lies inside one of the operator's presences (R8) and, when they have working hours,
///   inside one of their working intervals (R6);
/// - it overlaps none of the operator's other appointments.
///
/// Intervals are half-open, so touching intervals never clash.
public enum SchedulingRules {
    /// An operator as the rules need to see them.
    public struct Operator: Sendable, Equatable {
        /// The operator's id.
        public var id: String
        /// Their name, as refusals say it.
        public var name: String
        /// A deactivated operator takes no new appointment.
        public var active: Bool
        /// Group names, for links made to a group rather than to the operator.
        public var groups: [String]
        /// The operator as the store reads them.
        public init(id: String, name: String, active: Bool, groups: [String] = []) {
            self.id = id
            self.name = name
            self.active = active
            self.groups = groups
        }
    }

    /// Another appointment of the same operator.
    public struct Booking: Sendable, Equatable {
        /// The other appointment's id: a move does not clash with itself.
        public var appointmentID: String
        /// What the refusal calls it.
        public var title: String
        /// When it is.
        public var slot: TimeSlot
        /// Another appointment of the operator.
        public init(appointmentID: String, title: String, slot: TimeSlot) {
            self.appointmentID = appointmentID
            self.title = title
            self.slot = slot
        }
    }

    /// A time the operator is at a site/zone (generated from a presence rule).
    public struct Presence: Sendable, Equatable {
        /// Where the operator is: suggestions prefer the call's zone.
        public var zone: String
        /// When the operator is there.
        public var slot: TimeSlot
        /// A presence at `zone` during `slot`.
        public init(zone: String, slot: TimeSlot) {
            self.zone = zone
            self.slot = slot
        }
    }

    /// A time the operator is away, with the reason shown in the refusal.
    public struct Absence: Sendable, Equatable {
        /// Why the operator is away (training, leave).
        public var reason: String
        /// When.
        public var slot: TimeSlot
        /// An absence for `reason` during `slot`.
        public init(reason: String, slot: TimeSlot) {
            self.reason = reason
            self.slot = slot
        }
    }

    /// A company holiday: the whole local day.
    public struct Holiday: Sendable, Equatable {
        /// The local day.
        public var day: LocalDate
        /// The holiday's name, shown in the refusal.
        public var name: String
        /// A company holiday on `day`.
        public init(day: LocalDate, name: String) {
            self.day = day
            self.name = name
        }
    }

    /// Who may perform an activity type (R7).
    public struct ActivityLinks: Sendable, Equatable {
        /// The activity type.
        public var activityTypeID: String
        /// The type's name, for the refusal ("Mario Rossi is not linked to Repair call.").
        public var name: String
        /// The operators linked directly.
        public var operatorIDs: Set<String>
        /// The groups linked: every member may perform the type.
        public var groups: Set<String>

        /// The links of one type; none at all: open to everybody.
        public init(activityTypeID: String, name: String, operatorIDs: Set<String> = [], groups: Set<String> = []) {
            self.activityTypeID = activityTypeID
            self.name = name
            self.operatorIDs = operatorIDs
            self.groups = groups
        }

        /// No links at all: every operator may take it.
        public var isOpen: Bool { operatorIDs.isEmpty && groups.isEmpty }

        /// Why `person` may take it, or `nil` when they may not.
        public func link(for person: Operator) -> Link? {
            if isOpen { return .open }
            if operatorIDs.contains(person.id) { return .direct }
            if let group = person.groups.sorted().first(where: groups.contains) { return .group(group) }
            return nil
        }

        /// How an operator is allowed to take an activity type.
        public enum Link: Sendable, Equatable {
            /// The type has no links: everybody may.
            case open
            /// The operator is linked by name.
            case direct
            /// The operator belongs to this linked group.
            case group(String)
        }
    }

    /// Everything about an operator's time that is not another appointment. The store passes
    /// what overlaps the slot (or the horizon, for suggestions); passing more is harmless.
    public struct Availability: Sendable, Equatable {
        /// When and where the operator is present (R8).
        public var presences: [Presence]
        /// `nil` when the operator has no working hours configured: presences alone decide.
        public var workingWeek: WorkingWeek?
        /// Company holidays (R9).
        public var holidays: [Holiday]
        /// The operator's absences (R9).
        public var absences: [Absence]

        /// The availability the store read; working hours, holidays and absences default to none.
        public init(
            presences: [Presence], workingWeek: WorkingWeek? = nil, holidays: [Holiday] = [], absences: [Absence] = []
        ) {
            self.presences = presences
            self.workingWeek = workingWeek
            self.holidays = holidays
            self.absences = absences
        }
    }

    /// Longest appointment the planner accepts: a working day and a half.
    public static let maximumMinutes = 12 * 60

    /// Checks `slot` for `operator` (the appointment being moved, if any, must not be among
    /// `bookings`). Returns normally when it fits; throws the first rule it breaks.
    /// - Parameters:
    ///   - activity: the links of the call's activity type; `nil` for a direct appointment.
    ///   - timeZone: the company's, to know which local days the slot touches.
    public static func check(
        slot: TimeSlot, for person: Operator?, operatorID: String, activity: ActivityLinks?,
        availability: Availability, against bookings: [Booking], timeZone: TimeZone
    ) throws(SchedulingRefusal) {
        guard slot.end > slot.start else { throw .endNotAfterStart }
        guard slot.minutes <= maximumMinutes else { throw .tooLong(minutes: slot.minutes) }
        guard let person else { throw .unknownOperator(operatorID) }
        guard person.active else { throw .inactiveOperator(person.name) }
        if let activity, activity.link(for: person) == nil {
            throw .notLinked(operatorName: person.name, activityName: activity.name)
        }
        let days = localDays(of: slot, in: timeZone)
        if let holiday = availability.holidays.filter({ days.contains($0.day) }).min(by: { $0.day < $1.day }) {
            throw .holiday(day: holiday.day, name: holiday.name)
        }
        if let absence = availability.absences.filter({ $0.slot.overlaps(slot) }).min(by: {
            $0.slot.start < $1.slot.start
        }) {
            let day = LocalDate(containing: max(absence.slot.start, slot.start), in: timeZone)
            throw .absent(operatorName: person.name, day: day, reason: absence.reason)
        }
        if !availability.presences.contains(where: { $0.slot.start <= slot.start && slot.end <= $0.slot.end }) {
            if let partial = availability.presences.filter({ $0.slot.overlaps(slot) }).min(by: {
                $0.slot.start < $1.slot.start
            }) {
                throw .partlyPresent(operatorName: person.name, presence: partial.slot, slot: slot)
            }
            throw .notPresent(operatorName: person.name, at: slot.start)
        }
        if let week = availability.workingWeek {
            let working = week.slots(from: slot.start, to: slot.end, in: timeZone)
            if !IntervalMath.contains(working, slot) {
                let day = LocalDate(containing: slot.start, in: timeZone)
                throw .outsideWorkingHours(
                    operatorName: person.name, day: day, hours: week.slots(on: day, in: timeZone), slot: slot)
            }
        }
        if let clash =
            bookings
            .filter({ $0.slot.overlaps(slot) })
            .min(by: { $0.slot.start < $1.slot.start })
        {
            throw .overlaps(operatorName: person.name, title: clash.title, slot: clash.slot)
        }
    }

    /// The local days [start, end) touches: an appointment ending at midnight does not touch the
    /// next day.
    public static func localDays(of slot: TimeSlot, in timeZone: TimeZone) -> Set<LocalDate> {
        let first = LocalDate(containing: slot.start, in: timeZone)
        let last = LocalDate(containing: max(slot.start, slot.end.addingTimeInterval(-1)), in: timeZone)
        guard first <= last else { return [first] }
        return Set((first.dayNumber...last.dayNumber).map(LocalDate.init(dayNumber:)))
    }
}
