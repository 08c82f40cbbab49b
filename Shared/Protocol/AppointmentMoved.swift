public import Foundation

/// The planner moved an appointment in time and/or to another operator.
///
/// Carries the previous slot so consumers can tell both operators and free the old slot
/// without having kept it.
public struct AppointmentMoved: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "appointment.moved.v1"
    /// Published on this topic.
    public static let topic = Topic.appointments

    /// The planner's appointment id (non-empty).
    public var appointmentID: String
    /// The ticket it serves; absent for appointments not tied to a ticket.
    public var ticketID: String?
    /// The ticket's number, when there is a ticket.
    public var ticketNumber: String?
    /// The operator the appointment is on now (non-empty).
    public var operatorID: String
    /// The display name of the operator it is on now.
    public var operatorName: String
    /// Short text shown on the planner board and in emails.
    public var title: String
    /// The customer, when the appointment is for one.
    public var customer: CustomerRef?
    /// Equal to `operatorID` when only the time changed.
    public var previousOperatorID: String
    /// When the appointment started before the move.
    public var previousStart: Date
    /// When the appointment ended before the move; strictly after `previousStart`.
    public var previousEnd: Date
    /// The new start.
    public var start: Date
    /// The new end; strictly after `start`.
    public var end: Date

    /// Key: the appointment id.
    public var aggregateID: String { appointmentID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        appointmentID: String, ticketID: String?, ticketNumber: String?, operatorID: String,
        operatorName: String, title: String, customer: CustomerRef?, previousOperatorID: String,
        previousStart: Date, previousEnd: Date, start: Date, end: Date
    ) {
        self.appointmentID = appointmentID
        self.ticketID = ticketID
        self.ticketNumber = ticketNumber
        self.operatorID = operatorID
        self.operatorName = operatorName
        self.title = title
        self.customer = customer
        self.previousOperatorID = previousOperatorID
        self.previousStart = previousStart
        self.previousEnd = previousEnd
        self.start = start
        self.end = end
    }
}

extension AppointmentMoved: PayloadValidating {
    /// Both slots (before and after the move) end after they start, and both technicians are named, so
    /// each side's calendar can be corrected.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(appointmentID, "appointmentID")
        check.nonEmptyIfPresent(ticketID, "ticketID")
        check.nonEmpty(operatorID, "operatorID")
        check.nonEmpty(previousOperatorID, "previousOperatorID")
        if let customer { check.nested(customer, "customer") }
        check.ordered(previousStart, previousEnd, "previousStart", "previousEnd")
        check.ordered(start, end, "start", "end")
    }
}
