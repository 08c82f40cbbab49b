public import Foundation
public import GRDB
public import PlannerDomain

// The availability tables of `planner.v2` (SPEC R6–R9), one record per table. The board reads
// presences, absences and holidays to shade its grid; the scheduling rules read all of them.

/// One interval of an operator's working week (R6), in local time: a day split around lunch is
/// two rows (08:00–12:00, 13:00–17:00). An operator without rows has no working-hours limit,
/// only their presences.
public struct WorkingHoursRecord: Codable, Sendable, Equatable, Hashable, FetchableRecord, PersistableRecord {
    /// The working-hours table (`planner.v2`).
    public static let databaseTableName = "workingHours"
    /// Whose working week the interval belongs to.
    public var operatorID: String
    /// ISO weekday, 1 = Monday … 7 = Sunday.
    public var weekday: Int
    /// When the interval begins, local time.
    public var start: LocalTime
    /// When the interval ends, local time.
    public var end: LocalTime

    /// One interval of `operatorID`'s working week.
    public init(operatorID: String, weekday: Int, start: LocalTime, end: LocalTime) {
        self.operatorID = operatorID
        self.weekday = weekday
        self.start = start
        self.end = end
    }

    /// Columns for type-checked queries.
    public enum Columns {
        /// Whose working week.
        public static let operatorID = Column(CodingKeys.operatorID)
        /// The ISO weekday: lists are sorted by it.
        public static let weekday = Column(CodingKeys.weekday)
        /// The interval's start: the day's intervals are sorted by it.
        public static let start = Column(CodingKeys.start)
    }
}

/// Who may perform an activity type (R7): an operator directly or everybody in a group. An
/// activity type with no link at all is open to every operator, so a fresh install schedules.
public struct OperatorLinkRecord: Codable, Sendable, Equatable, Hashable, FetchableRecord, PersistableRecord {
    /// The operator-links table (`planner.v2`).
    public static let databaseTableName = "operatorLink"
    /// Whether `target` is an operator id or a group name (as in `OperatorRecord.groups`).
    public enum Kind: String, Codable, Sendable {
        /// `operator`: `target` is one operator's id, linked directly; `group`: `target` is a group's name,
        /// and every operator in it may perform the activity type.
        case `operator`, group
    }
    /// The activity type the link opens to its target.
    public var activityTypeID: String
    /// Whether `target` is an operator or a group.
    public var kind: Kind
    /// The operator's id or the group's name.
    public var target: String

    /// A link letting `target` perform `activityTypeID`.
    public init(activityTypeID: String, kind: Kind, target: String) {
        self.activityTypeID = activityTypeID
        self.kind = kind
        self.target = target
    }

    /// Columns for type-checked queries.
    public enum Columns {
        /// The activity type: its links are read together.
        public static let activityTypeID = Column(CodingKeys.activityTypeID)
    }
}

/// A recurring presence of an operator at a site/zone (R8), in local time between `validFrom`
/// and `validTo`. "Generate recurrences" turns it into `PresenceRecord`s; `PresenceRecurrence`
/// says on which days.
public struct PresenceRuleRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The presence-rules table (`planner.v2`).
    public static let databaseTableName = "presenceRule"
    /// The rule's id; generated presences name it.
    public var id: String
    /// Whose presence the rule describes.
    public var operatorID: String
    /// Where the operator is: suggestions prefer calls in this zone.
    public var zone: String
    /// Daily, weekly or monthly.
    public var frequency: PresenceRecurrence.Frequency
    /// Every `interval` days/weeks/months; 1 for plain daily and weekly rules.
    public var interval: Int
    /// ISO weekdays (1 = Monday); for `daily`, empty means every day; for `weekly`, required.
    public var weekdays: [Int]
    /// For `monthly`: the day of the month; months without it are skipped (31 → only 7 months).
    public var dayOfMonth: Int?
    /// When each presence begins, local time.
    public var startTime: LocalTime
    /// When not after `startTime`, the presence ends on the next day (a night shift 22:00–06:00).
    public var endTime: LocalTime
    /// The first day the rule applies.
    public var validFrom: LocalDate
    /// The last day it applies; nil: open-ended.
    public var validTo: LocalDate?
    /// When the back office wrote it.
    public var createdAt: Date

    /// A rule as the availability API writes it; plain daily and weekly rules leave `interval` at 1.
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
        /// Whose rules.
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
    /// The generated presences' table.
    public static let databaseTableName = "presence"
    /// SQLite's row id; nil until inserted.
    public var id: Int64?
    /// Who is present.
    public var operatorID: String
    /// Where: suggestions prefer calls in this zone.
    public var zone: String
    /// When the presence begins.
    public var start: Date
    /// When it ends.
    public var end: Date
    /// The rule that generated it; deleting the rule deletes its presences.
    public var ruleID: String?

    /// A presence of `operatorID` at `zone`, generated by `ruleID` (nil: written by hand).
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
        /// Who is present.
        public static let operatorID = Column(CodingKeys.operatorID)
        /// When the presence begins: range reads use the index on it.
        public static let start = Column(CodingKeys.start)
        /// When it ends.
        public static let end = Column(CodingKeys.end)
        /// The generating rule: deleting a rule deletes its presences.
        public static let ruleID = Column(CodingKeys.ruleID)
    }

    /// Keeps the row id SQLite gave the new presence.
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The interval it covers.
    public var slot: TimeSlot { TimeSlot(start: start, end: end) }
}

/// A company holiday (R9): the whole local day is grey for everybody.
public struct HolidayRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The company holidays' table.
    public static let databaseTableName = "holiday"
    /// The local day that is grey for everybody.
    public var day: LocalDate
    /// The holiday's name: the grey cells' reason.
    public var name: String

    /// A company holiday on `day`.
    public init(day: LocalDate, name: String) {
        self.day = day
        self.name = name
    }

    /// Columns for type-checked queries.
    public enum Columns {
        /// The holiday's day: lists and range reads use it.
        public static let day = Column(CodingKeys.day)
    }
}

/// An operator's absence (R9) during [start, end): grey for them only.
public struct AbsenceRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The absences' table.
    public static let databaseTableName = "absence"
    /// The absence's id, in the API's paths.
    public var id: String
    /// Who is away.
    public var operatorID: String
    /// When the absence begins.
    public var start: Date
    /// When it ends.
    public var end: Date
    /// Why (training, leave): the grey cells and refusals show it.
    public var reason: String

    /// An absence of `operatorID` during [start, end).
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
        /// Who is away.
        public static let operatorID = Column(CodingKeys.operatorID)
        /// When it begins: overlap checks and lists use it.
        public static let start = Column(CodingKeys.start)
        /// When it ends: overlap checks use it.
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
