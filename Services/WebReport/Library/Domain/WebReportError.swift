package import AriannaWording

/// Why web-report refused a request, in words a technician or back-office user can act on, in
/// Italian and English.
package enum WebReportError: Error, Equatable {
    /// The draft broke these rules (one sentence each).
    case invalidReport([Wording])
    /// No appointment with this id reached web-report.
    case appointmentNotFound(String)
    /// The appointment already has a report, closed at the given local date and time.
    case alreadyClosed(date: String, time: String)
    /// The planner cancelled the appointment, so there is nothing to report.
    case appointmentCancelled(String)
    /// No report with this id was filed on web-report.
    case reportNotFound(String)
    /// The appointment is not on the caller's list (another operator's, or none: the answer does
    /// not tell which) and the caller is not the back office.
    case notYourAppointment(user: String)
    /// The to-do list of another operator, asked for by someone who is not the back office.
    case notYourList(user: String)
    /// A photo that is not a JPEG or PNG, too large, or one too many.
    case invalidPhoto(Wording)
    /// The report is closed: its photos can no longer change.
    case reportClosed
    /// No photo with this id belongs to the appointment.
    case photoNotFound(String)
    /// No calendar feed has this secret: it never existed, or its operator replaced or revoked it.
    case calendarNotFound

    /// The sentence in `language` (English unless asked), as the API answers it.
    package func message(language: PageLanguage = .en) -> String {
        wording.text(language)
    }

    /// The sentence in both languages, for a caller that picks one itself.
    package var wording: Wording {
        switch self {
        case .invalidReport(let problems):
            return Wording(
                it: "Il rapportino non può essere chiuso: " + problems.map(\.it).joined(separator: " "),
                en: "The report cannot be filed: " + problems.map(\.en).joined(separator: " "))
        case .appointmentNotFound(let id):
            return Wording(
                it: "Nessuna lista di attività contiene l'appuntamento '\(id)'.",
                en: "There is no appointment '\(id)' on any to-do list.")
        case .alreadyClosed(let date, let time):
            return Wording(
                it: "Questo intervento è già stato chiuso il \(date) alle \(time).",
                en: "This intervention was already closed on \(date) at \(time).")
        case .appointmentCancelled(let id):
            return Wording(
                it: "L'appuntamento '\(id)' è stato annullato e non si può rapportare.",
                en: "Appointment '\(id)' was cancelled, so it cannot be reported.")
        case .reportNotFound(let id):
            return Wording(it: "Non esiste il rapportino '\(id)'.", en: "There is no intervention report '\(id)'.")
        case .notYourAppointment(let user):
            return Wording(
                it: "\(user), questo appuntamento non è nella tua lista di attività.",
                en: "\(user), this appointment is not on your to-do list.")
        case .invalidPhoto(let wording):
            return wording
        case .reportClosed:
            return Wording(
                it: "Il rapportino è chiuso e non si può più modificare.",
                en: "The report is closed and can no longer be changed.")
        case .photoNotFound(let id):
            return Wording(it: "Non esiste la foto '\(id)'.", en: "There is no photo '\(id)'.")
        case .notYourList(let user):
            return Wording(
                it: "\(user) può vedere solo la propria lista di attività.",
                en: "\(user) may read only their own to-do list.")
        case .calendarNotFound:
            return Wording(it: "Questo calendario non esiste.", en: "There is no such calendar.")
        }
    }
}
