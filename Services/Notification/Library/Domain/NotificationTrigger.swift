/// The moments notification writes about (R14). The raw values are the names mailing lists use
/// in `setup.mailing-list.v1`'s `events`.
package enum NotificationTrigger: String, Sendable, CaseIterable {
    /// Intake opened a ticket.
    case ticketOpened = "ticket-opened"
    /// The planner gave the ticket an appointment.
    case appointmentScheduled = "appointment-scheduled"
    /// The planner moved the appointment.
    case appointmentMoved = "appointment-moved"
    /// The planner cancelled the appointment.
    case appointmentCancelled = "appointment-cancelled"
    /// The back office cancelled the ticket.
    case ticketCancelled = "ticket-cancelled"
    /// The technician closed the intervention.
    case interventionCompleted = "intervention-completed"
}
