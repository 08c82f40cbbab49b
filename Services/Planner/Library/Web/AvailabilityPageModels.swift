import Foundation
import PlannerDomain
import ServiceKit

// What the four availability templates receive (R6–R9), built from one `AvailabilityPageReader`
// snapshot in the user's language. Plain values: the templates only print them, and
// `planner-pages.js` sends the forms to the JSON API.

/// Turns a snapshot into the pages' models.
struct AvailabilityPageBuilder {
    /// What the store holds, read once for the request.
    let snapshot: AvailabilityPageReader.Snapshot
    /// The user's language: day names, dates and words.
    let language: PageLanguage
    /// The planner's words in `language`.
    let table: [String: String]
    /// The company's: absences are shown in local days and times.
    let timeZone: TimeZone
    /// The local day the forms start from.
    let today: LocalDate

    /// The word `key` in the user's language with its `{placeholders}` filled in.
    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        var text = table[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// Operators' names by id, for rows that name an operator.
    var names: [String: String] { Dictionary(snapshot.operators.map { ($0.id, $0.name) }) { first, _ in first } }

    // MARK: Working hours (R6)

    /// An operator in the hours page's list, with their week in words.
    struct OperatorRow {
        /// The operator's id: the form's checkbox value.
        let id: String
        /// The operator's name.
        let name: String
        /// Their groups, joined.
        let groups: String
        /// Their working week in words ("Lun 08:00–12:00 · …").
        let summary: String
    }

    /// A day of the hours form, with up to two intervals.
    struct WeekdayRow {
        /// The ISO weekday (1 = Monday).
        let number: Int
        /// The day's name in the user's language.
        let name: String
        /// The first interval's start (`HH:MM`), empty when none.
        let firstStart: String
        /// The first interval's end.
        let firstEnd: String
        /// The second interval's start (after lunch), empty when none.
        let secondStart: String
        /// The second interval's end.
        let secondEnd: String
    }

    /// What `availability-hours.mustache` shows (R6).
    struct HoursPage {
        /// The active operators.
        let operators: [OperatorRow]
        /// The form's seven days, prefilled with the standard week.
        let weekdays: [WeekdayRow]
    }

    /// The operators with a summary of their week, and the form prefilled with the standard
    /// week (Mon–Fri 08:00–12:00, 13:00–17:00), the usual starting point.
    func hoursPage() -> HoursPage {
        let operators = snapshot.operators.filter(\.active).map { person in
            OperatorRow(
                id: person.id, name: person.name, groups: person.groups.joined(separator: ", "),
                summary: summary(of: snapshot.hours[person.id] ?? []))
        }
        let weekdays = (1...7).map { day -> WeekdayRow in
            let intervals = WorkingWeek.standard.days[day] ?? []
            func time(_ index: Int, start: Bool) -> String {
                guard intervals.indices.contains(index) else { return "" }
                return (start ? intervals[index].start : intervals[index].end).description
            }
            return WeekdayRow(
                number: day, name: MessageFormat.weekday(day, language).capitalized,
                firstStart: time(0, start: true), firstEnd: time(0, start: false),
                secondStart: time(1, start: true), secondEnd: time(1, start: false))
        }
        return HoursPage(operators: operators, weekdays: weekdays)
    }

    /// "Lun 08:00–12:00, 13:00–17:00 · Mar …".
    func summary(of rows: [WorkingHoursRecord]) -> String {
        guard !rows.isEmpty else { return text("noHours") }
        return Dictionary(grouping: rows, by: \.weekday).sorted { $0.key < $1.key }.map { day, intervals in
            let short = String(MessageFormat.weekday(day, language).prefix(3)).capitalized
            let list = intervals.sorted { $0.start < $1.start }.map { "\($0.start)–\($0.end)" }.joined(separator: ", ")
            return "\(short) \(list)"
        }.joined(separator: " · ")
    }

    // MARK: Links (R7)

    /// A checkbox of a form: an operator, a group or a weekday.
    struct Choice {
        /// What the form sends.
        let value: String
        /// What the user reads.
        let label: String
        /// Whether it starts ticked.
        let checked: Bool
    }

    /// An activity type on the links page, with who may perform it (R7).
    struct ActivityTypeLinksRow {
        /// The type's id, for the API call.
        let id: String
        /// The type's code.
        let code: String
        /// The type's name.
        let name: String
        /// The type's colour, as a swatch.
        let colour: String
        /// No link at all: every operator may perform it.
        let open: Bool
        /// The operators, ticked when linked directly.
        let operators: [Choice]
        /// The groups, ticked when linked.
        let groups: [Choice]
    }

    /// What `availability-links.mustache` shows (R7).
    struct LinksPage {
        /// The active activity types.
        let activityTypes: [ActivityTypeLinksRow]
        /// For the template's empty message.
        let hasActivityTypes: Bool
    }

    /// The links page: every active type with its operators and groups.
    func linksPage() -> LinksPage {
        let groups = Set(snapshot.operators.flatMap(\.groups))
        let rows = snapshot.activityTypes.map { type -> ActivityTypeLinksRow in
            let links = snapshot.links[type.id] ?? []
            let linkedOperators = Set(links.filter { $0.kind == .operator }.map(\.target))
            let linkedGroups = Set(links.filter { $0.kind == .group }.map(\.target))
            return ActivityTypeLinksRow(
                id: type.id, code: type.code, name: type.name, colour: type.colour, open: links.isEmpty,
                operators: snapshot.operators.filter { $0.active || linkedOperators.contains($0.id) }.map {
                    Choice(value: $0.id, label: $0.name, checked: linkedOperators.contains($0.id))
                },
                groups: groups.union(linkedGroups).sorted().map {
                    Choice(value: $0, label: $0, checked: linkedGroups.contains($0))
                })
        }
        return LinksPage(activityTypes: rows, hasActivityTypes: !rows.isEmpty)
    }

    // MARK: Presences (R8)

    /// A presence rule in the presences page's list (R8).
    struct RuleRow {
        /// The rule's id, for the delete call.
        let id: String
        /// Whose rule.
        let operatorName: String
        /// Where the operator is.
        let zone: String
        /// How often, in words.
        let frequency: String
        /// The local start and end (`08:00–17:00`).
        let hours: String
        /// From when to when it applies, in words.
        let validity: String
        /// The delete button's accessible name.
        let deleteLabel: String
    }

    /// An operator in a form's select.
    struct OperatorOption {
        /// What the form sends.
        let id: String
        /// What the user reads.
        let name: String
    }

    /// A "generate recurrences" run still going, so a reloaded page keeps polling it.
    struct JobState {
        /// The job's id, for `GET /api/generation-jobs/{id}`.
        let id: String
        /// Pending or running.
        let state: String
    }

    /// What `availability-presences.mustache` shows (R8).
    struct PresencesPage {
        /// Every presence rule.
        let rules: [RuleRow]
        /// For the template's empty message.
        let hasRules: Bool
        /// The active operators, for the new rule's form.
        let operators: [OperatorOption]
        /// The form's weekdays, Monday to Friday ticked.
        let weekdays: [Choice]
        /// The generation form's first day.
        let today: String
        /// The generation form's last day, a month on.
        let monthLater: String
        /// A run still going, if any.
        let runningJob: JobState?
    }

    /// The presences page: the rules, the new rule's form and the generation form.
    func presencesPage() -> PresencesPage {
        let names = self.names
        let rules = snapshot.rules.map { rule -> RuleRow in
            let operatorName = names[rule.operatorID] ?? rule.operatorID
            return RuleRow(
                id: rule.id, operatorName: operatorName, zone: rule.zone, frequency: frequency(of: rule),
                hours: "\(rule.startTime)–\(rule.endTime)", validity: validity(of: rule),
                deleteLabel: text("deleteRule", ["name": "\(operatorName), \(rule.zone)"]))
        }
        let job = snapshot.lastJob.flatMap { job -> JobState? in
            job.state == .pending || job.state == .running ? JobState(id: job.id, state: job.state.rawValue) : nil
        }
        return PresencesPage(
            rules: rules, hasRules: !rules.isEmpty, operators: activeOperators(),
            weekdays: (1...7).map {
                Choice(value: String($0), label: MessageFormat.weekday($0, language).capitalized, checked: $0 <= 5)
            },
            today: today.description, monthLater: today.adding(days: 30).description, runningJob: job)
    }

    /// The operators a form may choose: the active ones.
    func activeOperators() -> [OperatorOption] {
        snapshot.operators.filter(\.active).map { OperatorOption(id: $0.id, name: $0.name) }
    }

    /// "Every 2 weeks: Mon, Wed" in the page's language.
    func frequency(of rule: PresenceRuleRecord) -> String {
        let days = rule.weekdays.sorted().map { String(MessageFormat.weekday($0, language).prefix(3)).capitalized }
        let onDays = days.isEmpty ? "" : ": " + days.joined(separator: ", ")
        let n = String(rule.interval)
        switch rule.frequency {
        case .daily:
            return (rule.interval == 1 ? text("everyDay") : text("everyNDays", ["n": n])) + onDays
        case .weekly:
            return (rule.interval == 1 ? text("everyWeek") : text("everyNWeeks", ["n": n])) + onDays
        case .monthly:
            let day = rule.dayOfMonth.map(String.init) ?? "?"
            return rule.interval == 1 ? text("everyMonth", ["day": day]) : text("everyNMonths", ["n": n, "day": day])
        }
    }

    /// "Always", "from 04/03/2030" or "04/03/2030 – 05/04/2030" in the page's language.
    func validity(of rule: PresenceRuleRecord) -> String {
        let from = MessageFormat.day(rule.validFrom, language)
        switch (rule.validFrom == PresenceRuleRecord.openStart, rule.validTo) {
        case (true, nil): return text("validAlways")
        case (false, nil): return text("validFromOnly", ["from": from])
        case (_, let to?): return text("validRange", ["from": from, "to": MessageFormat.day(to, language)])
        }
    }

    // MARK: Holidays and absences (R9)

    /// A company holiday in the absences page's list (R9).
    struct HolidayRow {
        /// The day (`YYYY-MM-DD`), for the delete call.
        let day: String
        /// The day as the user reads it.
        let dayLabel: String
        /// The holiday's name.
        let name: String
        /// The delete button's accessible name.
        let deleteLabel: String
    }

    /// An operator's absence in the absences page's list (R9).
    struct AbsenceRow {
        /// The absence's id, for the delete call.
        let id: String
        /// Who is away.
        let operatorID: String
        /// Their name.
        let operatorName: String
        /// When, in local days or times.
        let period: String
        /// Why.
        let reason: String
        /// The delete button's accessible name.
        let deleteLabel: String
    }

    /// What `availability-absences.mustache` shows (R9).
    struct AbsencesPage {
        /// The holidays from today on.
        let holidays: [HolidayRow]
        /// For the template's empty message.
        let hasHolidays: Bool
        /// The absences not over yet.
        let absences: [AbsenceRow]
        /// For the template's empty message.
        let hasAbsences: Bool
        /// The active operators, for the new absence's form.
        let operators: [OperatorOption]
        /// The forms' first day.
        let today: String
    }

    /// The absences page: holidays, absences and their forms.
    func absencesPage() -> AbsencesPage {
        let names = self.names
        let holidays = snapshot.holidays.map { holiday in
            HolidayRow(
                day: holiday.day.description, dayLabel: MessageFormat.day(holiday.day, language), name: holiday.name,
                deleteLabel: text(
                    "deleteHoliday", ["name": "\(MessageFormat.day(holiday.day, language)) \(holiday.name)"]))
        }
        let absences = snapshot.absences.map { absence -> AbsenceRow in
            let name = names[absence.operatorID] ?? absence.operatorID
            return AbsenceRow(
                id: absence.id, operatorID: absence.operatorID, operatorName: name, period: period(of: absence.slot),
                reason: absence.reason, deleteLabel: text("deleteAbsence", ["name": "\(name) (\(absence.reason))"]))
        }
        return AbsencesPage(
            holidays: holidays, hasHolidays: !holidays.isEmpty, absences: absences, hasAbsences: !absences.isEmpty,
            operators: activeOperators(), today: today.description)
    }

    /// Whole local days as "04/03/2030 – 05/03/2030" (or one day); anything else with times.
    func period(of slot: TimeSlot) -> String {
        let first = LocalDate(containing: slot.start, in: timeZone)
        let afterLast = LocalDate(containing: slot.end, in: timeZone)
        if first.startInstant(in: timeZone) == slot.start, afterLast.startInstant(in: timeZone) == slot.end {
            let last = afterLast.adding(days: -1)
            let shownFirst = MessageFormat.day(first, language)
            return last == first ? shownFirst : "\(shownFirst) – \(MessageFormat.day(last, language))"
        }
        return
            "\(MessageFormat.dateTime(slot.start, timeZone, language)) – \(MessageFormat.dateTime(slot.end, timeZone, language))"
    }
}
