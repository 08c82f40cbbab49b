public import Foundation

/// The planner put an appointment on an operator's planner.
public struct AppointmentScheduled: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "appointment.scheduled.v1"
    /// Published on this topic.
    public static let topic = Topic.appointments

    /// The planner's appointment id (non-empty).
    public var appointmentID: String
    /// The ticket it serves; absent for appointments not tied to a ticket.
    public var ticketID: String?
    /// The ticket's number, when there is a ticket.
    public var ticketNumber: String?
    /// The operator the appointment is on (non-empty).
    public var operatorID: String
    /// The operator's display name, so consumers need no operator read model to show it.
    public var operatorName: String
    /// Short text shown on the planner board and in emails.
    public var title: String
    /// The customer, when the appointment is for one.
    public var customer: CustomerRef?
    /// When the appointment starts.
    public var start: Date
    /// Strictly after `start`.
    public var end: Date

    /// Key: the appointment id.
    public var aggregateID: String { appointmentID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        appointmentID: String, ticketID: String?, ticketNumber: String?, operatorID: String,
        operatorName: String, title: String, customer: CustomerRef?, start: Date, end: Date
    ) {
        self.appointmentID = appointmentID
        self.ticketID = ticketID
        self.ticketNumber = ticketNumber
        self.operatorID = operatorID
        self.operatorName = operatorName
        self.title = title
        self.customer = customer
        self.start = start
        self.end = end
    }
}

extension AppointmentScheduled: PayloadValidating {
    /// The appointment, its technician and a slot that ends after it starts: what web-report and
    /// notification show.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(appointmentID, "appointmentID")
        check.nonEmptyIfPresent(ticketID, "ticketID")
        check.nonEmpty(operatorID, "operatorID")
        if let customer { check.nested(customer, "customer") }
        check.ordered(start, end, "start", "end")
    }
}
