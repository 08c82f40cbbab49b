/// Who may receive each trigger's email, and who does when an activity type has no setting of
/// its own (R14: "per activity type and event, which of these receive what is a setting with
/// sensible defaults").
package enum RecipientChoice {
    /// The recipients a trigger can reach at all: the operator in charge only hears of a new
    /// ticket (a deadline, R5), the technician only of their appointments.
    package static func allowed(for trigger: NotificationTrigger) -> [EmailRecipientRole] {
        switch trigger {
        case .ticketOpened: [.customer, .siteContact, .mailingList, .operatorInCharge]
        case .appointmentScheduled, .appointmentMoved, .appointmentCancelled:
            [.customer, .siteContact, .mailingList, .technician]
        case .ticketCancelled, .interventionCompleted: [.customer, .siteContact, .mailingList]
        }
    }

    /// Without a setting: everyone allowed, except the operator in charge, who is told only when
    /// the activity type has the *notify* flag (R5).
    package static func defaults(for trigger: NotificationTrigger, notifyFlag: Bool) -> Set<EmailRecipientRole> {
        Set(allowed(for: trigger).filter { $0 != .operatorInCharge || notifyFlag })
    }
}
