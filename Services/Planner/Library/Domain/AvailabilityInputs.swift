import AriannaWording
public import Foundation

// The bodies of the availability API and their validation. Validation is pure and runs before
// any write, so a refused request writes nothing; the messages name the field and the fix.

/// `PUT /api/working-hours`: the same week for many operators at once ("set hours", R6).
/// `week` maps ISO weekdays "1" (Monday) … "7" (Sunday) to intervals; a missing day is a day
/// off; an empty week removes the hours, leaving presences alone to decide.
public struct SetWorkingHours: Codable, Sendable, Equatable {
    /// Most intervals one day may hold, so a week is at most 7 × 8 rows and
    /// `GET /api/working-hours` is bounded by the domain rather than paged (issue 15).
    public static let maximumIntervalsPerDay = 8

    /// The operators whose week is replaced ("set hours" for many at once).
    public var operatorIDs: [String]
    /// The new week: ISO weekday ("1" = Monday) → its intervals; a missing day is a day off.
    public var week: [String: [WorkingWeek.Interval]]

    /// The same week for every operator in `operatorIDs`.
    public init(operatorIDs: [String], week: [String: [WorkingWeek.Interval]]) {
        self.operatorIDs = operatorIDs
        self.week = week
    }

    /// The week, checked: weekdays 1…7, intervals that end after they start and do not overlap.
    public func validated() throws(AvailabilityError) -> WorkingWeek {
        guard !operatorIDs.isEmpty else {
            throw .invalid(
                Wording(
                    it: "Scegli almeno un operatore (operatorIDs).",
                    en: "Choose at least one operator (operatorIDs)."))
        }
        var days: [Int: [WorkingWeek.Interval]] = [:]
        for (key, intervals) in week {
            guard let weekday = Int(key), (1...7).contains(weekday) else {
                throw .invalid(
                    Wording(
                        it: "I giorni della settimana vanno da 1 (lunedì) a 7 (domenica); '\(key)' non è tra questi.",
                        en: "The week's days are numbered 1 (Monday) to 7 (Sunday); '\(key)' is not one of them."))
            }
            let name = Weekday.name(weekday)
            let nameIt = Weekday.italianName(weekday)
            guard intervals.count <= Self.maximumIntervalsPerDay else {
                throw .invalid(
                    Wording(
                        it:
                            "\(nameIt): al massimo \(Self.maximumIntervalsPerDay) fasce orarie al giorno, non \(intervals.count).",
                        en: "\(name): at most \(Self.maximumIntervalsPerDay) intervals a day, not \(intervals.count)."))
            }
            let sorted = intervals.sorted { $0.start < $1.start }
            for interval in sorted where interval.end <= interval.start {
                throw .invalid(
                    Wording(
                        it: "\(nameIt): \(interval.start)–\(interval.end) deve finire dopo l'inizio.",
                        en: "\(name): \(interval.start)–\(interval.end) must end after it starts."))
            }
            for (earlier, later) in zip(sorted, sorted.dropFirst()) where later.start < earlier.end {
                throw .invalid(
                    Wording(
                        it:
                            "\(nameIt): \(earlier.start)–\(earlier.end) e \(later.start)–\(later.end) si sovrappongono.",
                        en: "\(name): \(earlier.start)–\(earlier.end) and \(later.start)–\(later.end) overlap."))
            }
            if !sorted.isEmpty { days[weekday] = sorted }
        }
        return WorkingWeek(days: days)
    }
}

/// `PUT /api/activity-types/{id}/links`: who may perform the type (R7). Both lists empty opens
/// it to every operator again.
public struct SetActivityLinks: Codable, Sendable, Equatable {
    /// Most operators one activity type may be linked to, so `GET /api/activity-types/{id}/links`
    /// is bounded by the domain rather than paged (issue 15): a type open to more is left open.
    public static let maximumOperators = 1_000
    /// Most groups one activity type may be linked to.
    public static let maximumGroups = 100

    /// The operators linked directly.
    public var operatorIDs: [String]
    /// The groups linked: every member may perform the type.
    public var groups: [String]

    /// The type's new links; both empty: open to everybody.
    public init(operatorIDs: [String] = [], groups: [String] = []) {
        self.operatorIDs = operatorIDs
        self.groups = groups
    }

    /// Trimmed, de-duplicated group names; an empty one is refused.
    public func validatedGroups() throws(AvailabilityError) -> [String] {
        guard operatorIDs.count <= Self.maximumOperators, groups.count <= Self.maximumGroups else {
            throw .invalid(
                Wording(
                    it:
                        "Al massimo \(Self.maximumOperators) operatori e \(Self.maximumGroups) gruppi per tipo di attività; per aprirlo a tutti lascia vuote le due liste.",
                    en:
                        "At most \(Self.maximumOperators) operators and \(Self.maximumGroups) groups per activity type; to open it to everybody leave both lists empty."
                ))
        }
        let trimmed = groups.map { $0.trimmingCharacters(in: .whitespaces) }
        guard !trimmed.contains("") else {
            throw .invalid(
                Wording(
                    it: "Il nome di un gruppo non può essere vuoto.",
                    en: "A group name cannot be empty."))
        }
        return Array(Set(trimmed)).sorted()
    }
}

/// `GET /api/activity-types/{id}/links`.
public struct ActivityTypeLinks: Codable, Sendable, Equatable {
    /// The activity type.
    public var activityTypeID: String
    /// The operators linked directly.
    public var operatorIDs: [String]
    /// The groups linked.
    public var groups: [String]
    /// No links: every operator may take it.
    public var open: Bool

    /// The links the store read for `activityTypeID`; `open` when both lists are empty.
    package init(activityTypeID: String, operatorIDs: [String], groups: [String], open: Bool) {
        self.activityTypeID = activityTypeID
        self.operatorIDs = operatorIDs
        self.groups = groups
        self.open = open
    }
}

/// `POST /api/presence-rules` (R8). `start`/`end` are local times; an end not after the start
/// is on the next day (night shift). See `PresenceRecurrence` for the frequencies.
public struct NewPresenceRule: Codable, Sendable, Equatable {
    /// Whose presence.
    public var operatorID: String
    /// Where the operator is.
    public var zone: String
    /// Daily, weekly or monthly.
    public var frequency: PresenceRecurrence.Frequency
    /// Every `interval` days, weeks or months; omitted: 1.
    public var interval: Int?
    /// ISO weekdays (1 = Monday); required for `weekly`.
    public var weekdays: [Int]?
    /// For `monthly`: the day of the month.
    public var dayOfMonth: Int?
    /// When each presence begins, local time.
    public var start: LocalTime
    /// When it ends, local time.
    public var end: LocalTime
    /// The first day the rule applies.
    public var validFrom: LocalDate
    /// The last day; omitted: open-ended.
    public var validTo: LocalDate?

    /// A new rule as the presences page or a script sends it.
    public init(
        operatorID: String, zone: String, frequency: PresenceRecurrence.Frequency, interval: Int? = nil,
        weekdays: [Int]? = nil, dayOfMonth: Int? = nil, start: LocalTime, end: LocalTime,
        validFrom: LocalDate, validTo: LocalDate? = nil
    ) {
        self.operatorID = operatorID
        self.zone = zone
        self.frequency = frequency
        self.interval = interval
        self.weekdays = weekdays
        self.dayOfMonth = dayOfMonth
        self.start = start
        self.end = end
        self.validFrom = validFrom
        self.validTo = validTo
    }

    /// The recurrence, checked.
    public func validated() throws(AvailabilityError) -> PresenceRecurrence {
        guard !zone.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalid(
                Wording(
                    it: "Indica la sede o zona in cui l'operatore è presente (zone).",
                    en: "Give the site or zone where the operator is present (zone)."))
        }
        let every = interval ?? 1
        let limit =
            switch frequency {
            case .daily: 365
            case .weekly: 52
            case .monthly: 24
            }
        guard (1...limit).contains(every) else {
            throw .invalid(
                Wording(
                    it:
                        "Una ricorrenza \(frequency.italianName) si ripete ogni 1–\(limit) \(frequency.italianUnit); \(every) è fuori da questo intervallo.",
                    en:
                        "A \(frequency.rawValue) rule repeats every 1 to \(limit) \(frequency.unit); \(every) is outside that range."
                ))
        }
        let days = weekdays ?? []
        if let wrong = days.first(where: { !(1...7).contains($0) }) {
            throw .invalid(
                Wording(
                    it: "I giorni della settimana vanno da 1 (lunedì) a 7 (domenica); \(wrong) non è tra questi.",
                    en: "Weekdays are numbered 1 (Monday) to 7 (Sunday); \(wrong) is not one of them."))
        }
        switch frequency {
        case .daily:
            guard dayOfMonth == nil else {
                throw .invalid(
                    Wording(
                        it: "Il giorno del mese (dayOfMonth) vale solo per le ricorrenze mensili.",
                        en: "dayOfMonth is only for monthly rules."))
            }
        case .weekly:
            guard !days.isEmpty else {
                throw .invalid(
                    Wording(
                        it:
                            "Una ricorrenza settimanale ha bisogno di almeno un giorno della settimana (weekdays, 1 = lunedì).",
                        en: "A weekly rule needs at least one weekday (weekdays, 1 = Monday)."))
            }
            guard dayOfMonth == nil else {
                throw .invalid(
                    Wording(
                        it: "Il giorno del mese (dayOfMonth) vale solo per le ricorrenze mensili.",
                        en: "dayOfMonth is only for monthly rules."))
            }
        case .monthly:
            guard let dayOfMonth, (1...31).contains(dayOfMonth) else {
                throw .invalid(
                    Wording(
                        it: "Una ricorrenza mensile ha bisogno del giorno del mese, da 1 a 31 (dayOfMonth).",
                        en: "A monthly rule needs the day of the month, 1 to 31 (dayOfMonth)."))
            }
            guard days.isEmpty else {
                throw .invalid(
                    Wording(
                        it: "Una ricorrenza mensile si ripete in un giorno del mese, non in giorni della settimana.",
                        en: "A monthly rule repeats on a day of the month, not on weekdays."))
            }
        }
        guard start.minutes < LocalTime.minutesPerDay else {
            throw .invalid(
                Wording(
                    it: "Una presenza non può iniziare alle 24:00; usa 00:00.",
                    en: "A presence cannot start at 24:00; use 00:00."))
        }
        guard start != end else {
            throw .invalid(
                Wording(
                    it:
                        "La presenza inizia e finisce alle \(start); per un turno di notte indica una fine prima dell'inizio (22:00–06:00).",
                    en:
                        "The presence starts and ends at \(start); for a night shift give an end earlier than the start (22:00–06:00)."
                ))
        }
        if let validTo, validTo < validFrom {
            throw .invalid(
                Wording(
                    it: "La ricorrenza vale fino al \(validTo), prima del suo inizio il \(validFrom).",
                    en: "The rule is valid until \(validTo), before it starts on \(validFrom)."))
        }
        return PresenceRecurrence(
            frequency: frequency, interval: every, weekdays: Set(days), dayOfMonth: dayOfMonth,
            startTime: start, endTime: end, validFrom: validFrom, validTo: validTo)
    }
}

/// `POST /api/presence-rules/generate`: materialise presences for [from, to] (R8).
public struct GeneratePresences: Codable, Sendable, Equatable {
    /// The first day to generate.
    public var from: LocalDate
    /// The last day to generate.
    public var to: LocalDate
    /// Omitted: every operator.
    public var operatorIDs: [String]?

    /// A run over [from, to] for `operatorIDs` (nil: everybody).
    public init(from: LocalDate, to: LocalDate, operatorIDs: [String]? = nil) {
        self.from = from
        self.to = to
        self.operatorIDs = operatorIDs
    }

    /// The longest range one request may generate: two years guards against a typo in the year
    /// (2206 for 2026) filling the store with centuries of presences.
    public static let maximumDays = 731

    /// Checks the range and the operator list.
    public func validate() throws(AvailabilityError) {
        guard from <= to else {
            throw .invalid(
                Wording(
                    it: "L'intervallo finisce il \(to), prima del suo inizio il \(from).",
                    en: "The range ends on \(to), before it starts on \(from)."))
        }
        let days = to.dayNumber - from.dayNumber + 1
        guard days <= Self.maximumDays else {
            throw .invalid(
                Wording(
                    it:
                        "Si possono generare presenze per al massimo 2 anni alla volta; dal \(from) al \(to) sono \(days) giorni. Dividi l'intervallo.",
                    en:
                        "Presences can be generated for at most 2 years at a time; \(from) to \(to) is \(days) days. Split the range."
                ))
        }
        if let operatorIDs, operatorIDs.isEmpty {
            throw .invalid(
                Wording(
                    it: "Scegli almeno un operatore, oppure ometti operatorIDs per generare per tutti.",
                    en: "Choose at least one operator, or leave operatorIDs out to generate for everybody."))
        }
    }

    /// The months the range touches, as (first, last) days clipped to the range: one unit of
    /// work (and one transaction) per operator and month.
    public var months: [(from: LocalDate, to: LocalDate)] {
        guard from <= to else { return [] }
        return (from.monthNumber...to.monthNumber).compactMap { month in
            let year = month / 12
            let monthOfYear = month % 12 + 1
            guard let first = LocalDate(year: year, month: monthOfYear, day: 1),
                let last = LocalDate(
                    year: year, month: monthOfYear, day: LocalDate.daysIn(year: year, month: monthOfYear))
            else { return nil }
            return (max(first, from), min(last, to))
        }
    }
}

/// `POST /api/holidays`.
public struct NewHoliday: Codable, Sendable, Equatable {
    /// The local day off for everybody.
    public var day: LocalDate
    /// The holiday's name.
    public var name: String
    /// A new holiday on `day`.
    public init(day: LocalDate, name: String) {
        self.day = day
        self.name = name
    }
}

/// `PUT /api/holidays/{day}`.
public struct HolidayName: Codable, Sendable, Equatable {
    /// The holiday's new name.
    public var name: String
    /// A rename to `name`.
    public init(name: String) { self.name = name }

    /// The trimmed name; an empty one is refused.
    public func validated() throws(AvailabilityError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw .invalid(
                Wording(
                    it: "Dai un nome alla festività (name), ad es. Liberazione.",
                    en: "Give the holiday a name (name), e.g. Liberazione."))
        }
        return trimmed
    }
}

/// `POST /api/absences` and `PUT /api/absences/{id}`: either `start`/`end` instants, or whole
/// local days `firstDay`…`lastDay` (lastDay defaults to firstDay).
public struct AbsenceInput: Codable, Sendable, Equatable {
    /// Who is away.
    public var operatorID: String
    /// The absence's start instant, when given by time.
    public var start: Date?
    /// Its end instant, when given by time.
    public var end: Date?
    /// The first local day, when given by days.
    public var firstDay: LocalDate?
    /// The last local day; omitted: `firstDay`.
    public var lastDay: LocalDate?
    /// Why (training, leave): the grey cells show it.
    public var reason: String

    /// An absence by instants or by whole days.
    public init(
        operatorID: String, start: Date? = nil, end: Date? = nil, firstDay: LocalDate? = nil,
        lastDay: LocalDate? = nil, reason: String
    ) {
        self.operatorID = operatorID
        self.start = start
        self.end = end
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.reason = reason
    }

    /// Longest absence accepted at once.
    public static let maximumDays = 366

    /// The absent interval and the trimmed reason.
    public func validated(in timeZone: TimeZone) throws(AvailabilityError) -> (slot: TimeSlot, reason: String) {
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else {
            throw .invalid(
                Wording(
                    it: "Indica il motivo dell'assenza (reason), ad es. Formazione.",
                    en: "Give the reason of the absence (reason), e.g. Training."))
        }
        let slot: TimeSlot
        switch (start, end, firstDay) {
        case (let start?, let end?, nil):
            slot = TimeSlot(start: start, end: end)
        case (nil, nil, let firstDay?):
            let lastDay = lastDay ?? firstDay
            guard lastDay >= firstDay else {
                throw .invalid(
                    Wording(
                        it: "L'ultimo giorno dell'assenza, \(lastDay), è prima del primo, \(firstDay).",
                        en: "The absence's last day \(lastDay) is before its first day \(firstDay)."))
            }
            slot = TimeSlot(
                start: firstDay.startInstant(in: timeZone), end: lastDay.adding(days: 1).startInstant(in: timeZone))
        default:
            throw .invalid(
                Wording(
                    it:
                        "Indica inizio e fine (data e ora) oppure il primo giorno (firstDay) ed eventualmente l'ultimo (lastDay) dell'assenza.",
                    en:
                        "Give either start and end (date-times) or firstDay and optionally lastDay (dates) of the absence."
                ))
        }
        guard slot.end > slot.start else {
            throw .invalid(
                Wording(
                    it: "L'assenza deve finire dopo l'inizio.",
                    en: "The absence must end after it starts."))
        }
        guard slot.end.timeIntervalSince(slot.start) <= Double(Self.maximumDays) * 86_400 else {
            throw .invalid(
                Wording(
                    it:
                        "Un'assenza può durare al massimo \(Self.maximumDays) giorni; inseriscine una più lunga in più parti.",
                    en: "An absence can last at most \(Self.maximumDays) days; enter a longer one in parts."))
        }
        return (slot, reason)
    }
}

/// Weekday names for messages.
enum Weekday {
    /// "Monday" for 1 … "Sunday" for 7.
    static func name(_ iso: Int) -> String { MessageFormat.weekday(iso, .en) }
    /// "Lunedì" for 1 … "Domenica" for 7 (capitalised: it starts a message).
    static func italianName(_ iso: Int) -> String { MessageFormat.weekday(iso, .it).capitalized }
}

extension PresenceRecurrence.Frequency {
    /// The unit `interval` counts.
    var unit: String {
        switch self {
        case .daily: "days"
        case .weekly: "weeks"
        case .monthly: "months"
        }
    }

    /// The Italian adjective for messages ("giornaliera").
    var italianName: String {
        switch self {
        case .daily: "giornaliera"
        case .weekly: "settimanale"
        case .monthly: "mensile"
        }
    }

    /// The Italian unit `interval` counts.
    var italianUnit: String {
        switch self {
        case .daily: "giorni"
        case .weekly: "settimane"
        case .monthly: "mesi"
        }
    }
}
