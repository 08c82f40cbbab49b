public import Foundation

/// The planner cancelled an appointment; `start`/`end` are the slot it freed.
public struct AppointmentCancelled: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "appointment.cancelled.v1"
    /// Published on this topic.
    public static let topic = Topic.appointments

    /// The planner's appointment id (non-empty).
    public var appointmentID: String
    /// The ticket it served; absent for appointments not tied to a ticket.
    public var ticketID: String?
    /// The ticket's number, when there is a ticket.
    public var ticketNumber: String?
    /// The operator the appointment is on (non-empty).
    public var operatorID: String
    /// Short text shown on the planner board and in emails.
    public var title: String
    /// The customer, when the appointment had one.
    public var customer: CustomerRef?
    /// Start of the freed slot.
    public var start: Date
    /// End of the freed slot; strictly after `start`.
    public var end: Date
    /// Free text from the back office; may be empty.
    public var reason: String

    /// Key: the appointment id.
    public var aggregateID: String { appointmentID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        appointmentID: String, ticketID: String?, ticketNumber: String?, operatorID: String,
        title: String, customer: CustomerRef?, start: Date, end: Date, reason: String
    ) {
        self.appointmentID = appointmentID
        self.ticketID = ticketID
        self.ticketNumber = ticketNumber
        self.operatorID = operatorID
        self.title = title
        self.customer = customer
        self.start = start
        self.end = end
        self.reason = reason
    }
}

extension AppointmentCancelled: PayloadValidating {
    /// The appointment, its technician and a slot that ends after it starts, so the planner and
    /// web-report free the right hours.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(appointmentID, "appointmentID")
        check.nonEmptyIfPresent(ticketID, "ticketID")
        check.nonEmpty(operatorID, "operatorID")
        if let customer { check.nested(customer, "customer") }
        check.ordered(start, end, "start", "end")
    }
}
