/// Why web-report refused a request, in words a technician or back-office user can act on.
enum WebReportError: Error, Equatable, CustomStringConvertible {
    /// The draft broke these rules (one sentence each).
    case invalidReport([String])
    /// No appointment with this id reached web-report.
    case appointmentNotFound(String)
    /// The appointment already has a report, closed at the given local date and time.
    case alreadyClosed(date: String, time: String)
    /// The planner cancelled the appointment, so there is nothing to report.
    case appointmentCancelled(String)
    case reportNotFound(String)

    var description: String {
        switch self {
        case .invalidReport(let problems):
            return "The report cannot be filed: " + problems.joined(separator: " ")
        case .appointmentNotFound(let id):
            return "There is no appointment '\(id)' on any to-do list."
        case .alreadyClosed(let date, let time):
            return "This intervention was already closed on \(date) at \(time)."
        case .appointmentCancelled(let id):
            return "Appointment '\(id)' was cancelled, so it cannot be reported."
        case .reportNotFound(let id):
            return "There is no intervention report '\(id)'."
        }
    }
}
