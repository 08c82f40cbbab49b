public import Foundation
public import GRDB

// The availability tables of `planner.v2` (SPEC R6–R9), one record per table. The board reads
// presences, absences and holidays to shade its grid; the scheduling rules read all of them.

/// One interval of an operator's working week (R6), in local time: a day split around lunch is
/// two rows (08:00–12:00, 13:00–17:00). An operator without rows has no working-hours limit,
/// only their presences.
public struct WorkingHoursRecord: Codable, Sendable, Equatable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "workingHours"
    public var operatorID: String
    /// ISO weekday, 1 = Monday … 7 = Sunday.
    public var weekday: Int
    public var start: LocalTime
    public var end: LocalTime

    public init(operatorID: String, weekday: Int, start: LocalTime, end: LocalTime) {
        self.operatorID = operatorID
        self.weekday = weekday
        self.start = start
        self.end = end
    }

    /// Columns for type-checked queries.
    public enum Columns {
        public static let operatorID = Column(CodingKeys.operatorID)
        public static let weekday = Column(CodingKeys.weekday)
        public static let start = Column(CodingKeys.start)
    }
}

/// Who may perform an activity type (R7): an operator directly or everybody in a group. An
/// activity type with no link at all is open to every operator, so a fresh install schedules.
public struct OperatorLinkRecord: Codable, Sendable, Equatable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "operatorLink"
    /// Whether `target` is an operator id or a group name (as in `OperatorRecord.groups`).
    public enum Kind: String, Codable, Sendable { case `operator`, group }
    public var activityTypeID: String
    public var kind: Kind
    public var target: String

    public init(activityTypeID: String, kind: Kind, target: String) {
        self.activityTypeID = activityTypeID
        self.kind = kind
        self.target = target
    }

    /// Columns for type-checked queries.
    public enum Columns {
        public static let activityTypeID = Column(CodingKeys.activityTypeID)
    }
}

/// A recurring presence of an operator at a site/zone (R8), in local time between `validFrom`
/// and `validTo`. "Generate recurrences" turns it into `PresenceRecord`s; `PresenceRecurrence`
/// says on which days.
public struct PresenceRuleRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "presenceRule"
    public var id: String
    public var operatorID: String
    public var zone: String
    public var frequency: PresenceRecurrence.Frequency
    /// Every `interval` days/weeks/months; 1 for plain daily and weekly rules.
    public var interval: Int
    /// ISO weekdays (1 = Monday); for `daily`, empty means every day; for `weekly`, required.
    public var weekdays: [Int]
    /// For `monthly`: the day of the month; months without it are skipped (31 → only 7 months).
    public var dayOfMonth: Int?
    public var startTime: LocalTime
    /// When not after `startTime`, the presence ends on the next day (a night shift 22:00–06:00).
    public var endTime: LocalTime
    public var validFrom: LocalDate
    public var validTo: LocalDate?
    public var createdAt: Date

    public init(
        id: String, operatorID: String, zone: String, frequency: PresenceRecurrence.Frequency, interval: Int = 1,
        weekdays: [Int] = [], dayOfMonth: Int? = nil, startTime: LocalTime, endTime: LocalTime,
        validFrom: LocalDate, validTo: LocalDate? = nil, createdAt: Date
    ) {
        self.id = id
        self.operatorID = operatorID
        self.zone = zone
        self.frequency = frequency
        self.interval = interval
        self.weekdays = weekdays
        self.dayOfMonth = dayOfMonth
        self.startTime = startTime
        self.endTime = endTime
        self.validFrom = validFrom
        self.validTo = validTo
        self.createdAt = createdAt
    }

    /// Columns for type-checked queries.
    public enum Columns {
        public static let operatorID = Column(CodingKeys.operatorID)
        /// The first day the rule applies: the rules of one operator are listed in this order.
        public static let validFrom = Column(CodingKeys.validFrom)
    }

    /// The recurrence as the pure generator sees it.
    public var recurrence: PresenceRecurrence {
        PresenceRecurrence(
            frequency: frequency, interval: interval, weekdays: Set(weekdays), dayOfMonth: dayOfMonth,
            startTime: startTime, endTime: endTime, validFrom: validFrom, validTo: validTo)
    }
}

/// A materialised presence: the operator is at `zone` during [start, end) (UTC instants). The
/// white part of the board; an appointment must lie inside one. Unique on (operator, start,
/// end, zone), so generating twice inserts nothing the second time.
public struct PresenceRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "presence"
    public var id: Int64?
    public var operatorID: String
    public var zone: String
    public var start: Date
    public var end: Date
    /// The rule that generated it; deleting the rule deletes its presences.
    public var ruleID: String?

    public init(id: Int64? = nil, operatorID: String, zone: String, start: Date, end: Date, ruleID: String?) {
        self.id = id
        self.operatorID = operatorID
        self.zone = zone
        self.start = start
        self.end = end
        self.ruleID = ruleID
    }

    /// Columns for type-checked queries.
    public enum Columns {
        public static let operatorID = Column(CodingKeys.operatorID)
        public static let start = Column(CodingKeys.start)
        public static let end = Column(CodingKeys.end)
        public static let ruleID = Column(CodingKeys.ruleID)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The interval it covers.
    public var slot: TimeSlot { TimeSlot(start: start, end: end) }
}

/// A company holiday (R9): the whole local day is grey for everybody.
public struct HolidayRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "holiday"
    public var day: LocalDate
    public var name: String

    public init(day: LocalDate, name: String) {
        self.day = day
        self.name = name
    }

    /// Columns for type-checked queries.
    public enum Columns {
        public static let day = Column(CodingKeys.day)
    }
}

/// An operator's absence (R9) during [start, end): grey for them only.
public struct AbsenceRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "absence"
    public var id: String
    public var operatorID: String
    public var start: Date
    public var end: Date
    public var reason: String

    public init(id: String, operatorID: String, start: Date, end: Date, reason: String) {
        self.id = id
        self.operatorID = operatorID
        self.start = start
        self.end = end
        self.reason = reason
    }

    /// Columns for type-checked queries.
    public enum Columns {
        /// The absence's own id: an edited absence must not clash with itself.
        public static let id = Column(CodingKeys.id)
        public static let operatorID = Column(CodingKeys.operatorID)
        public static let start = Column(CodingKeys.start)
        public static let end = Column(CodingKeys.end)
    }

    /// The interval it covers.
    public var slot: TimeSlot { TimeSlot(start: start, end: end) }
}

extension PresenceRuleRecord {
    /// `validFrom` of rules that apply "from always" (the defaults of a new operator): the
    /// generation range is what bounds them.
    public static let openStart = LocalDate(dayNumber: 10_957)  // 2000-01-01
}
