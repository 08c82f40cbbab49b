public import AriannaWording
public import Foundation

/// Why an appointment does not fit, in words a back-office user understands. Times are shown
/// in the company's time zone by `message(in:)`.
public enum SchedulingRefusal: Error, Equatable {
    /// The end is not after the start.
    case endNotAfterStart
    /// Longer than `SchedulingRules.maximumMinutes`.
    case tooLong(minutes: Int)
    /// The planner does not know this operator.
    case unknownOperator(String)
    /// The operator is deactivated.
    case inactiveOperator(String)
    /// The operator already has this appointment then.
    case overlaps(operatorName: String, title: String, slot: TimeSlot)
    /// The activity type is linked to other operators or groups only (R7).
    case notLinked(operatorName: String, activityName: String)
    /// The slot touches a company holiday (R9).
    case holiday(day: LocalDate, name: String)
    /// The slot overlaps one of the operator's absences (R9); `day` is where the overlap starts.
    case absent(operatorName: String, day: LocalDate, reason: String)
    /// No presence of the operator overlaps the slot at all (R8).
    case notPresent(operatorName: String, at: Date)
    /// A presence overlaps the slot but does not cover it: the slot is half outside.
    case partlyPresent(operatorName: String, presence: TimeSlot, slot: TimeSlot)
    /// The slot is outside the operator's working hours (R6); `hours` are those of `day`.
    case outsideWorkingHours(operatorName: String, day: LocalDate, hours: [TimeSlot], slot: TimeSlot)

    /// The sentence shown when a drop snaps back, in `language` (English unless asked).
    public func message(in timeZone: TimeZone, language: PageLanguage = .en) -> String {
        wording(in: timeZone, language: language).text(language)
    }

    /// The sentence in both languages; `language` picks how days are written.
    func wording(in timeZone: TimeZone, language: PageLanguage) -> Wording {
        func day(_ date: Date) -> String { MessageFormat.day(date, timeZone, language) }
        func time(_ date: Date) -> String { MessageFormat.time(date, timeZone) }
        switch self {
        case .endNotAfterStart:
            return Wording(
                it: "L'appuntamento deve finire dopo l'inizio.", en: "The appointment must end after it starts.")
        case .tooLong(let minutes):
            let hours = SchedulingRules.maximumMinutes / 60
            return Wording(
                it:
                    "Un appuntamento può durare al massimo \(hours) ore; questo dura \(minutes / 60) h \(minutes % 60) min.",
                en:
                    "An appointment can last at most \(hours) hours; this one lasts \(minutes / 60) h \(minutes % 60) min."
            )
        case .unknownOperator(let id):
            return Wording(
                it: "Nel planner non c'è l'operatore '\(id)'.", en: "There is no operator '\(id)' in the planner.")
        case .inactiveOperator(let name):
            return Wording(
                it: "\(name) non è più attivo e non può ricevere appuntamenti.",
                en: "\(name) is no longer active and cannot receive appointments.")
        case .overlaps(let name, let title, let slot):
            return Wording(
                it: "\(name) ha già \(title) dalle \(time(slot.start)) alle \(time(slot.end)) del \(day(slot.start)).",
                en: "\(name) already has \(title) from \(time(slot.start)) to \(time(slot.end)) on \(day(slot.start)).")
        case .notLinked(let name, let activity):
            return Wording(it: "\(name) non è collegato a \(activity).", en: "\(name) is not linked to \(activity).")
        case .holiday(let holiday, let name):
            let shown = MessageFormat.day(holiday, language)
            return Wording(
                it: "Il \(shown) è una festività aziendale (\(name)).", en: "\(shown) is a company holiday (\(name)).")
        case .absent(let name, let absentDay, let reason):
            let shown = MessageFormat.day(absentDay, language)
            return Wording(
                it: "\(name) è assente il \(shown) (\(reason)).", en: "\(name) is absent on \(shown) (\(reason)).")
        case .notPresent(let name, let at):
            return Wording(
                it: "\(name) non è presente il \(day(at)) alle \(time(at)).",
                en: "\(name) is not present on \(day(at)) at \(time(at)).")
        case .partlyPresent(let name, let presence, let slot):
            return Wording(
                it:
                    "\(name) il \(day(presence.start)) è presente solo dalle \(time(presence.start)) alle \(time(presence.end)); l'appuntamento va dalle \(time(slot.start)) alle \(time(slot.end)).",
                en:
                    "\(name) is present on \(day(presence.start)) only from \(time(presence.start)) to \(time(presence.end)); the appointment runs from \(time(slot.start)) to \(time(slot.end))."
            )
        case .outsideWorkingHours(let name, let workDay, let hours, let slot):
            let shown = MessageFormat.day(workDay, language)
            guard !hours.isEmpty else {
                let weekday = MessageFormat.isoWeekday(slot.start, timeZone)
                return Wording(
                    it: "\(name) non lavora di \(MessageFormat.weekday(weekday, .it)) \(shown).",
                    en: "\(name) does not work on \(MessageFormat.weekday(weekday, .en)) \(shown).")
            }
            let list = hours.map { "\(time($0.start))–\(time($0.end))" }
            return Wording(
                it:
                    "\(name) il \(shown) lavora solo \(MessageFormat.list(list, .it)); \(time(slot.start))–\(time(slot.end)) è fuori da quell'orario.",
                en:
                    "\(name) works on \(shown) only \(MessageFormat.list(list, .en)); \(time(slot.start))–\(time(slot.end)) is outside those hours."
            )
        }
    }
}
