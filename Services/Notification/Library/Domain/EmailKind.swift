/// What an email tells the customer. Each kind has exactly one template,
/// `Templates/<rawValue>.mustache`, so adding a kind without its template fails at start-up,
/// not when the first customer should have been told something.
enum EmailKind: String, Codable, Sendable, CaseIterable {
    /// Intake opened a ticket: "we received your request".
    case ticketOpened = "ticket-opened"
    /// The planner gave the ticket an appointment.
    case appointmentScheduled = "appointment-scheduled"
    /// The planner moved the appointment in time or to another technician.
    case appointmentMoved = "appointment-moved"
    /// The planner cancelled the appointment.
    case appointmentCancelled = "appointment-cancelled"
}
