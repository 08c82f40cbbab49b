public import AriannaWording
public import Foundation

/// Best-slot suggestions for an unscheduled call (issue 4 §5), as a pure function of values.
///
/// For each operator allowed to take the call it first computes the free intervals over the
/// horizon once — presences ∩ working hours − holidays − absences − bookings — and then finds,
/// for each local day, the earliest start on the grid where the call fits. Ranking: earliest
/// start first; at the same start, an operator present in the customer's zone first; then the
/// one with fewest minutes already booked that day (workload balance); then by name, so the
/// order is stable. Every suggestion is re-checked with `SchedulingRules.check`, so a
/// suggestion is never refused when taken as it is.
public enum SlotSuggester {
    /// What is being placed.
    public struct Call: Sendable, Equatable {
        /// How long the visit lasts.
        public var minutes: Int
        /// The customer's site zone; `nil` when unknown (then no zone preference).
        public var zone: String?
        /// The activity type's links; `nil` for no competence rule.
        public var activity: SchedulingRules.ActivityLinks?

        /// The call to place.
        public init(minutes: Int, zone: String?, activity: SchedulingRules.ActivityLinks?) {
            self.minutes = minutes
            self.zone = zone
            self.activity = activity
        }
    }

    /// One operator with everything about their time over the horizon.
    public struct Candidate: Sendable, Equatable {
        /// The operator.
        public var person: SchedulingRules.Operator
        /// Their presences, working week, holidays and absences over the horizon.
        public var availability: SchedulingRules.Availability
        /// Their appointments over the horizon.
        public var bookings: [SchedulingRules.Booking]

        /// One operator's time over the horizon.
        public init(
            person: SchedulingRules.Operator, availability: SchedulingRules.Availability,
            bookings: [SchedulingRules.Booking]
        ) {
            self.person = person
            self.availability = availability
            self.bookings = bookings
        }
    }

    /// A ranked slot with the reasons it was chosen, in short words for the board.
    public struct Suggestion: Codable, Sendable, Equatable {
        /// Who would do the visit.
        public var operatorID: String
        /// Their name, for the board.
        public var operatorName: String
        /// When the visit would begin.
        public var start: Date
        /// When it would end.
        public var end: Date
        /// The zone of the presence the slot lies in.
        public var zone: String
        /// Whether that zone is the customer's.
        public var zoneMatch: Bool
        /// Minutes already booked for the operator on that local day.
        public var bookedMinutes: Int
        /// Why this slot, in short words in the user's language.
        public var reasons: [String]
    }

    /// The search's knobs.
    public struct Options: Sendable, Equatable {
        /// The horizon's start.
        public var from: Date
        /// The horizon's end.
        public var to: Date
        /// Slots start on this grid (15 minutes).
        public var gridMinutes: Int
        /// How many slots to answer.
        public var limit: Int

        /// A search over [from, to) answering `limit` slots on a `gridMinutes` grid.
        public init(from: Date, to: Date, gridMinutes: Int = 15, limit: Int = 5) {
            self.from = from
            self.to = to
            self.gridMinutes = gridMinutes
            self.limit = limit
        }
    }

    /// The best `options.limit` slots, best first, their reasons in `language`.
    ///
    /// Only the best few can win, so the search keeps the `kept` best found so far and looks
    /// at each further operator only up to the latest start among them (`cutoff`): with a
    /// thousand operators most are searched over their first morning rather than the whole
    /// horizon. When the re-check refuses so many of the kept ones that fewer than `limit`
    /// remain, the search runs again without the cutoff, so the answer is always the same as a
    /// search of everything.
    public static func suggest(
        for call: Call, among candidates: [Candidate], options: Options, timeZone: TimeZone,
        language: PageLanguage = .en
    ) -> [Suggestion] {
        guard call.minutes > 0, options.to > options.from, options.limit > 0 else { return [] }
        if let best = rank(call, candidates, options, timeZone, language, pruning: true) { return best }
        return rank(call, candidates, options, timeZone, language, pruning: false) ?? []
    }

    /// The ranking order: earliest start, then the customer's zone, then the lighter day, then
    /// by name and id.
    static func ranksBefore(_ lhs: Suggestion, _ rhs: Suggestion) -> Bool {
        if lhs.start != rhs.start { return lhs.start < rhs.start }
        if lhs.zoneMatch != rhs.zoneMatch { return lhs.zoneMatch }
        if lhs.bookedMinutes != rhs.bookedMinutes { return lhs.bookedMinutes < rhs.bookedMinutes }
        return (lhs.operatorName, lhs.operatorID) < (rhs.operatorName, rhs.operatorID)
    }

    /// The search; `nil` when `pruning` left too few slots after the re-check (then the caller
    /// searches everything).
    private static func rank(
        _ call: Call, _ candidates: [Candidate], _ options: Options, _ timeZone: TimeZone, _ language: PageLanguage,
        pruning: Bool
    ) -> [Suggestion]? {
        let horizon = TimeSlot(start: options.from, end: options.to)
        let length = TimeInterval(call.minutes * 60)
        let kept = options.limit * 2 + 8
        var instants = LocalInstants(timeZone: timeZone)
        var weeks = WeekSlots()
        var found: [Suggestion] = []
        var cutoff: Date?
        var byOperator: [String: Candidate] = [:]
        for candidate in candidates where candidate.person.active {
            guard call.activity.map({ $0.link(for: candidate.person) != nil }) ?? true else { continue }
            byOperator[candidate.person.id] = candidate
            let until = cutoff.map { min(horizon.end, $0.addingTimeInterval(length)) } ?? horizon.end
            guard until > horizon.start else { continue }
            found += earliestPerDay(
                call: call, candidate: candidate, horizon: horizon, until: until, options: options,
                instants: &instants, weeks: &weeks)
            // Keep the best `kept` (and any tied with the last of them); the rest cannot win.
            if pruning, found.count >= kept * 2 {
                found.sort(by: ranksBefore)
                let last = found[kept - 1].start
                found.removeSubrange((found.firstIndex { $0.start > last } ?? found.count)...)
                cutoff = last
            }
        }
        found.sort(by: ranksBefore)
        // The free intervals already exclude every rule; checking the winners again guards
        // against any drift between the two, at the cost of `limit` checks.
        var best: [Suggestion] = []
        for suggestion in found where best.count < options.limit {
            guard let candidate = byOperator[suggestion.operatorID] else { continue }
            let fits =
                (try? SchedulingRules.check(
                    slot: TimeSlot(start: suggestion.start, end: suggestion.end), for: candidate.person,
                    operatorID: candidate.person.id, activity: call.activity, availability: candidate.availability,
                    against: candidate.bookings, timeZone: timeZone)) != nil
            guard fits else { continue }
            var ranked = suggestion
            ranked.reasons = reasons(
                call: call, slot: TimeSlot(start: suggestion.start, end: suggestion.end), zone: suggestion.zone,
                zoneMatch: suggestion.zoneMatch, booked: suggestion.bookedMinutes,
                link: call.activity.flatMap { $0.link(for: candidate.person) } ?? .open, timeZone: timeZone,
                language: language)
            best.append(ranked)
        }
        if cutoff != nil, best.count < options.limit { return nil }
        return best
    }

    /// The intervals where `candidate` could take anything, each with the presence's zone.
    public static func freeIntervals(
        of candidate: Candidate, within horizon: TimeSlot, timeZone: TimeZone
    ) -> [(zone: String, slot: TimeSlot)] {
        var instants = LocalInstants(timeZone: timeZone)
        var weeks = WeekSlots()
        return freeIntervals(of: candidate, within: horizon, until: horizon.end, instants: &instants, weeks: &weeks)
    }

    /// Working intervals over the horizon by working week. Most operators share a handful of
    /// weeks, so each is turned into instants once; the last one used is compared first, which
    /// is cheaper than hashing a week for every operator.
    struct WeekSlots {
        private var last: (week: WorkingWeek, slots: [TimeSlot])?
        private var known: [WorkingWeek: [TimeSlot]] = [:]

        /// `week`'s working intervals over `horizon`.
        mutating func slots(of week: WorkingWeek, over horizon: TimeSlot, instants: inout LocalInstants) -> [TimeSlot] {
            if let last, last.week == week { return last.slots }
            let slots = known[week] ?? week.slots(from: horizon.start, to: horizon.end, using: &instants)
            known[week] = slots
            last = (week, slots)
            return slots
        }
    }

    /// The free intervals over [horizon.start, until): whatever starts at or after `until`
    /// is left out before any interval arithmetic.
    private static func freeIntervals(
        of candidate: Candidate, within horizon: TimeSlot, until: Date, instants: inout LocalInstants,
        weeks: inout WeekSlots
    ) -> [(zone: String, slot: TimeSlot)] {
        let availability = candidate.availability
        let midnight = LocalTime(minutes: 0)
        let window = TimeSlot(start: horizon.start, end: until)
        let working = availability.workingWeek.map { weeks.slots(of: $0, over: horizon, instants: &instants) }
        var blocked: [TimeSlot] = []
        for slot in availability.absences.lazy.map(\.slot) where slot.start < until {
            blocked.append(slot)
        }
        for slot in candidate.bookings.lazy.map(\.slot) where slot.start < until {
            blocked.append(slot)
        }
        for holiday in availability.holidays {
            let start = instants.instant(holiday.day, midnight)
            guard start < until else { continue }
            blocked.append(TimeSlot(start: start, end: instants.instant(holiday.day.adding(days: 1), midnight)))
        }
        let holes = IntervalMath.merged(blocked)
        var result: [(zone: String, slot: TimeSlot)] = []
        for presence in availability.presences.sorted(by: { $0.slot.start < $1.slot.start })
        where presence.slot.start < until && presence.slot.end > window.start {
            var pieces = IntervalMath.intersection([presence.slot], [window])
            if let working { pieces = IntervalMath.intersection(pieces, working) }
            pieces = IntervalMath.subtracting(pieces, holes)
            result += pieces.map { (presence.zone, $0) }
        }
        return result
    }

    private static func earliestPerDay(
        call: Call, candidate: Candidate, horizon: TimeSlot, until: Date, options: Options,
        instants: inout LocalInstants, weeks: inout WeekSlots
    ) -> [Suggestion] {
        let length = TimeInterval(call.minutes * 60)
        let grid = TimeInterval(max(1, options.gridMinutes) * 60)
        var bestPerDay: [LocalDate: Suggestion] = [:]
        // Zones are few; compare each with the customer's once.
        var zoneMatches: [String: Bool] = [:]
        // Counted when the first slot is found: most operators searched offer none.
        var bookedPerDay: [LocalDate: Int]?
        for free in freeIntervals(of: candidate, within: horizon, until: until, instants: &instants, weeks: &weeks) {
            // The earliest grid start in a free interval is the best it offers.
            let start = (free.slot.start.timeIntervalSince1970 / grid).rounded(.up) * grid
            guard start + length <= free.slot.end.timeIntervalSince1970 else { continue }
            let slot = TimeSlot(start: Date(timeIntervalSince1970: start), minutes: call.minutes)
            let day = instants.day(containing: slot.start)
            if let best = bestPerDay[day], best.start <= slot.start { continue }
            if bookedPerDay == nil {
                var counted: [LocalDate: Int] = [:]
                for booking in candidate.bookings {
                    counted[instants.day(containing: booking.slot.start), default: 0] += booking.slot.minutes
                }
                bookedPerDay = counted
            }
            let booked = bookedPerDay?[day] ?? 0
            let zoneMatch: Bool
            if let known = zoneMatches[free.zone] {
                zoneMatch = known
            } else {
                zoneMatch = call.zone.map { $0.caseInsensitiveCompare(free.zone) == .orderedSame } ?? false
                zoneMatches[free.zone] = zoneMatch
            }
            bestPerDay[day] = Suggestion(
                operatorID: candidate.person.id, operatorName: candidate.person.name, start: slot.start,
                end: slot.end, zone: free.zone, zoneMatch: zoneMatch, bookedMinutes: booked, reasons: [])
        }
        return Array(bestPerDay.values)
    }

    private static func reasons(
        call: Call, slot: TimeSlot, zone: String, zoneMatch: Bool, booked: Int,
        link: SchedulingRules.ActivityLinks.Link, timeZone: TimeZone, language: PageLanguage
    ) -> [String] {
        let day = MessageFormat.day(slot.start, timeZone, language)
        let time = MessageFormat.time(slot.start, timeZone)
        var reasons = [Wording(it: "libero il \(day) dalle \(time)", en: "free on \(day) from \(time)")]
        switch (call.zone, zoneMatch) {
        case (let wanted?, true):
            reasons.append(Wording(it: "nella zona del cliente \(wanted)", en: "in the customer's zone \(wanted)"))
        case (let wanted?, false):
            reasons.append(
                Wording(
                    it: "in zona \(zone), non in quella del cliente \(wanted)",
                    en: "in zone \(zone), not the customer's \(wanted)"))
        case (nil, _):
            reasons.append(Wording(it: "in zona \(zone)", en: "in zone \(zone)"))
        }
        switch (link, call.activity) {
        case (.direct, let activity?):
            reasons.append(Wording(it: "collegato a \(activity.name)", en: "linked to \(activity.name)"))
        case (.group(let group), let activity?):
            reasons.append(
                Wording(
                    it: "collegato a \(activity.name) tramite \(group)",
                    en: "linked to \(activity.name) through \(group)"))
        default: break
        }
        let already = MessageFormat.duration(booked)
        reasons.append(
            booked == 0
                ? Wording(it: "nient'altro in agenda quel giorno", en: "nothing else booked that day")
                : Wording(it: "già \(already) in agenda quel giorno", en: "\(already) already booked that day"))
        return reasons.map { $0.text(language) }
    }
}
