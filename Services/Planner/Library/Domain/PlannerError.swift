public import AriannaWording
public import Foundation

/// Why the planner refused a request.
public enum PlannerError: Error, Equatable {
    /// The slot breaks a scheduling rule.
    case refused(SchedulingRefusal)
    /// The planner has no call for this ticket.
    case ticketNotFound(String)
    /// The call is already scheduled or closed.
    case ticketNotUnscheduled(number: String, state: CallState)
    /// No appointment has this id.
    case appointmentNotFound(String)
    /// The appointment was cancelled and cannot change.
    case appointmentCancelled(String)
    /// A field the request needs is missing; the wording names it.
    case missingField(Wording)

    /// The sentence the API answers with, in `language` (English unless asked).
    public func message(in timeZone: TimeZone, language: PageLanguage = .en) -> String {
        switch self {
        case .refused(let refusal):
            return refusal.message(in: timeZone, language: language)
        case .ticketNotFound(let id):
            return Wording(
                it: "Nella coda del planner non c'è la chiamata '\(id)'.",
                en: "There is no call '\(id)' in the planner's queue."
            ).text(language)
        case .ticketNotUnscheduled(let number, let state):
            return
                (state == .closed
                ? Wording(it: "La chiamata \(number) è già chiusa.", en: "Call \(number) is already closed.")
                : Wording(
                    it: "La chiamata \(number) è già pianificata; sposta il suo appuntamento.",
                    en: "Call \(number) is already scheduled; move its appointment instead.")).text(language)
        case .appointmentNotFound(let id):
            return Wording(it: "Non esiste l'appuntamento '\(id)'.", en: "There is no appointment '\(id)'.").text(
                language)
        case .appointmentCancelled(let id):
            return Wording(
                it: "L'appuntamento '\(id)' è stato annullato e non può più cambiare.",
                en: "Appointment '\(id)' was cancelled and can no longer change."
            ).text(language)
        case .missingField(let wording):
            return wording.text(language)
        }
    }
}
