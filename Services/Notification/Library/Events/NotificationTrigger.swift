/// The moments notification writes about (R14). The raw values are the names mailing lists use
/// in `setup.mailing-list.v1`'s `events`.
enum NotificationTrigger: String, Sendable, CaseIterable {
    case ticketOpened = "ticket-opened"
    case appointmentScheduled = "appointment-scheduled"
    case appointmentMoved = "appointment-moved"
    case appointmentCancelled = "appointment-cancelled"
    case ticketCancelled = "ticket-cancelled"
    case interventionCompleted = "intervention-completed"
}
