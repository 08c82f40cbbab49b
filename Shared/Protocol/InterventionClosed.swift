public import Foundation

/// Web-report: a technician closed the intervention report of an appointment.
public struct InterventionClosed: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "intervention.closed.v1"
    /// Published on this topic.
    public static let topic = Topic.interventions

    /// The intervention report's id in web-report (non-empty).
    public var reportID: String
    /// The appointment the report belongs to (non-empty).
    public var appointmentID: String
    /// The ticket the appointment serves; absent for appointments without a ticket.
    public var ticketID: String?
    /// The operator who did the work (non-empty).
    public var operatorID: String
    /// The technician's description of the work, shown to the back office and on the bill.
    public var workDone: String
    /// Minutes worked (zero or more).
    public var workedMinutes: Int
    /// Materials used; every quantity is greater than zero.
    public var materials: [MaterialLine]
    /// When the technician closed the report.
    public var closedAt: Date

    /// Key: the ticket id when present, else the appointment id.
    ///
    /// Keying by ticket puts the intervention in the same partition order as everything else
    /// that happens to its ticket (several appointments may serve one ticket); an intervention
    /// without a ticket only needs ordering per appointment.
    public var aggregateID: String { ticketID ?? appointmentID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        reportID: String, appointmentID: String, ticketID: String?, operatorID: String,
        workDone: String, workedMinutes: Int, materials: [MaterialLine], closedAt: Date
    ) {
        self.reportID = reportID
        self.appointmentID = appointmentID
        self.ticketID = ticketID
        self.operatorID = operatorID
        self.workDone = workDone
        self.workedMinutes = workedMinutes
        self.materials = materials
        self.closedAt = closedAt
    }
}

extension InterventionClosed: PayloadValidating {
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(reportID, "reportID")
        check.nonEmpty(appointmentID, "appointmentID")
        check.nonEmptyIfPresent(ticketID, "ticketID")
        check.nonEmpty(operatorID, "operatorID")
        check.nonNegative(workedMinutes, "workedMinutes")
        check.each(materials, "materials")
    }
}
