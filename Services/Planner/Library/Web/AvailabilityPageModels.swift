import Foundation
import ServiceKit

// What the four availability templates receive (R6–R9), built from one `AvailabilityPageReader`
// snapshot in the user's language. Plain values: the templates only print them, and
// `planner-pages.js` sends the forms to the JSON API.

/// Turns a snapshot into the pages' models.
struct AvailabilityPageBuilder {
    let snapshot: AvailabilityPageReader.Snapshot
    let language: PageLanguage
    let table: [String: String]
    let timeZone: TimeZone
    let today: LocalDate

    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        var text = table[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    var names: [String: String] { Dictionary(snapshot.operators.map { ($0.id, $0.name) }) { first, _ in first } }

    // MARK: Working hours (R6)

    struct OperatorRow {
        let id: String
        let name: String
        let groups: String
        let summary: String
    }

    struct WeekdayRow {
        let number: Int
        let name: String
        let firstStart: String
        let firstEnd: String
        let secondStart: String
        let secondEnd: String
    }

    struct HoursPage {
        let operators: [OperatorRow]
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

    struct Choice {
        let value: String
        let label: String
        let checked: Bool
    }

    struct ActivityTypeLinksRow {
        let id: String
        let code: String
        let name: String
        let colour: String
        let open: Bool
        let operators: [Choice]
        let groups: [Choice]
    }

    struct LinksPage {
        let activityTypes: [ActivityTypeLinksRow]
        let hasActivityTypes: Bool
    }

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
                groups: groups.union(linkedGroups).sorted().map { Choice(value: $0, label: $0, checked: linkedGroups.contains($0)) })
        }
        return LinksPage(activityTypes: rows, hasActivityTypes: !rows.isEmpty)
    }

    // MARK: Presences (R8)

    struct RuleRow {
        let id: String
        let operatorName: String
        let zone: String
        let frequency: String
        let hours: String
        let validity: String
        let deleteLabel: String
    }

    struct OperatorOption {
        let id: String
        let name: String
    }

    struct JobState {
        let id: String
        let state: String
    }

    struct PresencesPage {
        let rules: [RuleRow]
        let hasRules: Bool
        let operators: [OperatorOption]
        let weekdays: [Choice]
        let today: String
        let monthLater: String
        let runningJob: JobState?
    }

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

    func validity(of rule: PresenceRuleRecord) -> String {
        let from = MessageFormat.day(rule.validFrom, language)
        switch (rule.validFrom == PresenceRuleRecord.openStart, rule.validTo) {
        case (true, nil): return text("validAlways")
        case (false, nil): return text("validFromOnly", ["from": from])
        case (_, let to?): return text("validRange", ["from": from, "to": MessageFormat.day(to, language)])
        }
    }

    // MARK: Holidays and absences (R9)

    struct HolidayRow {
        let day: String
        let dayLabel: String
        let name: String
        let deleteLabel: String
    }

    struct AbsenceRow {
        let id: String
        let operatorID: String
        let operatorName: String
        let period: String
        let reason: String
        let deleteLabel: String
    }

    struct AbsencesPage {
        let holidays: [HolidayRow]
        let hasHolidays: Bool
        let absences: [AbsenceRow]
        let hasAbsences: Bool
        let operators: [OperatorOption]
        let today: String
    }

    func absencesPage() -> AbsencesPage {
        let names = self.names
        let holidays = snapshot.holidays.map { holiday in
            HolidayRow(
                day: holiday.day.description, dayLabel: MessageFormat.day(holiday.day, language), name: holiday.name,
                deleteLabel: text("deleteHoliday", ["name": "\(MessageFormat.day(holiday.day, language)) \(holiday.name)"]))
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
        return "\(MessageFormat.dateTime(slot.start, timeZone, language)) – \(MessageFormat.dateTime(slot.end, timeZone, language))"
    }
}
