/// What an email tells the customer. Each kind has exactly one template,
/// `Resources/emails/<rawValue>.mustache`, so adding a kind without its template fails at start-up,
/// not when the first customer should have been told something.
package enum EmailKind: String, Codable, Sendable, CaseIterable {
    /// Intake opened a ticket: "we received your request".
    case ticketOpened = "ticket-opened"
    /// The planner gave the ticket an appointment.
    case appointmentScheduled = "appointment-scheduled"
    /// The planner moved the appointment in time or to another technician.
    case appointmentMoved = "appointment-moved"
    /// The planner cancelled the appointment.
    case appointmentCancelled = "appointment-cancelled"
    /// The back office cancelled the ticket.
    case ticketCancelled = "ticket-cancelled"
    /// The technician closed the intervention (with a link to the report when there is one).
    case interventionCompleted = "intervention-completed"
    /// To the technician: an appointment given to them, moved or cancelled.
    case technicianAppointment = "technician-appointment"
    /// To the operator in charge of a new deadline whose activity type has the notify flag (R5).
    case deadlineAssigned = "deadline-assigned"
}
