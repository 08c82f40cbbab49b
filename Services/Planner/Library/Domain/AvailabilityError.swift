public import Foundation

/// Why the planner refused an availability request (working hours, links, presence rules,
/// generation, holidays, absences), in words a back-office user understands. The controller
/// maps each case to 404, 409 or 422.
public enum AvailabilityError: Error, Equatable {
    case operatorsNotFound([String])
    case activityTypeNotFound(String)
    case presenceRuleNotFound(String)
    case holidayNotFound(LocalDate)
    case holidayExists(day: LocalDate, name: String)
    case absenceNotFound(String)
    /// The operator is already absent in part of that time.
    case absenceOverlaps(operatorName: String, existing: TimeSlot, reason: String)
    case generationJobNotFound(String)
    /// Another generation is still running; one at a time keeps the writer free for the board.
    case generationRunning(jobID: String)
    /// The input breaks a rule; the text says which and how to fix it.
    case invalid(String)

    /// How an HTTP client should read it.
    public enum Kind: Sendable { case notFound, conflict, invalid }

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

    /// The sentence the API answers with; instants are shown in `timeZone`.
    public func message(in timeZone: TimeZone) -> String {
        switch self {
        case .operatorsNotFound(let ids):
            let quoted = ids.map { "'\($0)'" }.joined(separator: ", ")
            return ids.count == 1
                ? "There is no operator \(quoted) in the planner."
                : "There are no operators \(quoted) in the planner."
        case .activityTypeNotFound(let id):
            return "There is no activity type '\(id)' in the planner."
        case .presenceRuleNotFound(let id):
            return "There is no presence rule '\(id)'."
        case .holidayNotFound(let day):
            return "\(day) is not a company holiday."
        case .holidayExists(let day, let name):
            return "\(day) is already a company holiday (\(name)); change it instead of adding it again."
        case .absenceNotFound(let id):
            return "There is no absence '\(id)'."
        case .absenceOverlaps(let name, let existing, let reason):
            let start = Self.format(existing.start, timeZone), end = Self.format(existing.end, timeZone)
            return "\(name) is already absent from \(start) to \(end) (\(reason)); change that absence instead."
        case .generationJobNotFound(let id):
            return "There is no generation job '\(id)'."
        case .generationRunning(let id):
            return "Presences are already being generated (job \(id)); wait for it to finish."
        case .invalid(let message):
            return message
        }
    }

    private static func format(_ date: Date, _ timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
