public import AriannaWording
public import Foundation

/// Why the planner refused an availability request (working hours, links, presence rules,
/// generation, holidays, absences), in words a back-office user understands. The controller
/// maps each case to 404, 409 or 422.
public enum AvailabilityError: Error, Equatable {
    /// These operator ids are unknown to the planner.
    case operatorsNotFound([String])
    /// This activity type is unknown to the planner.
    case activityTypeNotFound(String)
    /// No presence rule has this id.
    case presenceRuleNotFound(String)
    /// No holiday on this day.
    case holidayNotFound(LocalDate)
    /// That day already is a holiday.
    case holidayExists(day: LocalDate, name: String)
    /// No absence has this id.
    case absenceNotFound(String)
    /// The operator is already absent in part of that time.
    case absenceOverlaps(operatorName: String, existing: TimeSlot, reason: String)
    /// No generation job has this id.
    case generationJobNotFound(String)
    /// Another generation is still running; one at a time keeps the writer free for the board.
    case generationRunning(jobID: String)
    /// The input breaks a rule; the text says which and how to fix it.
    case invalid(Wording)

    /// How an HTTP client should read it.
    public enum Kind: Sendable {
        /// `notFound` (404): an operator, type, rule, holiday, absence or job nobody knows; `conflict` (409): it
        /// clashes with what is there (a holiday already set, an overlapping absence, a running generation);
        /// `invalid` (422): the input breaks a rule.
        case notFound, conflict, invalid
    }

    /// Not found, conflict or invalid: what `PlannerErrorMapping` answers.
    public var kind: Kind {
        switch self {
        case .operatorsNotFound, .activityTypeNotFound, .presenceRuleNotFound, .holidayNotFound,
            .absenceNotFound, .generationJobNotFound:
            return .notFound
        case .holidayExists, .absenceOverlaps, .generationRunning:
            return .conflict
        case .invalid:
            return .invalid
        }
    }

    /// The sentence the API answers with, in `language` (English unless asked); instants are
    /// shown in `timeZone`.
    public func message(in timeZone: TimeZone, language: PageLanguage = .en) -> String {
        wording(in: timeZone, language: language).text(language)
    }

    /// The refusal in both languages, times shown in the company's time zone.
    func wording(in timeZone: TimeZone, language: PageLanguage) -> Wording {
        switch self {
        case .operatorsNotFound(let ids):
            let quoted = ids.map { "'\($0)'" }.joined(separator: ", ")
            return ids.count == 1
                ? Wording(
                    it: "Nel planner non c'è l'operatore \(quoted).",
                    en: "There is no operator \(quoted) in the planner.")
                : Wording(
                    it: "Nel planner non ci sono gli operatori \(quoted).",
                    en: "There are no operators \(quoted) in the planner.")
        case .activityTypeNotFound(let id):
            return Wording(
                it: "Nel planner non c'è il tipo di attività '\(id)'.",
                en: "There is no activity type '\(id)' in the planner.")
        case .presenceRuleNotFound(let id):
            return Wording(
                it: "Non esiste la ricorrenza di presenza '\(id)'.", en: "There is no presence rule '\(id)'.")
        case .holidayNotFound(let day):
            let shown = MessageFormat.day(day, language)
            return Wording(it: "Il \(shown) non è una festività aziendale.", en: "\(shown) is not a company holiday.")
        case .holidayExists(let day, let name):
            let shown = MessageFormat.day(day, language)
            return Wording(
                it: "Il \(shown) è già una festività aziendale (\(name)); modificala invece di aggiungerla di nuovo.",
                en: "\(shown) is already a company holiday (\(name)); change it instead of adding it again.")
        case .absenceNotFound(let id):
            return Wording(it: "Non esiste l'assenza '\(id)'.", en: "There is no absence '\(id)'.")
        case .absenceOverlaps(let name, let existing, let reason):
            let start = MessageFormat.dateTime(existing.start, timeZone, language)
            let end = MessageFormat.dateTime(existing.end, timeZone, language)
            return Wording(
                it: "\(name) è già assente dal \(start) al \(end) (\(reason)); modifica quell'assenza.",
                en: "\(name) is already absent from \(start) to \(end) (\(reason)); change that absence instead.")
        case .generationJobNotFound(let id):
            return Wording(it: "Non esiste la generazione '\(id)'.", en: "There is no generation job '\(id)'.")
        case .generationRunning(let id):
            return Wording(
                it: "Le presenze sono già in generazione (job \(id)); attendi che finisca.",
                en: "Presences are already being generated (job \(id)); wait for it to finish.")
        case .invalid(let wording):
            return wording
        }
    }
}
