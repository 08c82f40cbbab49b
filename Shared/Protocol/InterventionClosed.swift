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

    // Added after v1 shipped, all optional: an older producer omits them and consumers must cope.
    /// How the intervention ended; absent means ``InterventionOutcome/completed``.
    public var outcome: InterventionOutcome?
    /// Why another visit is needed (non-empty when the outcome is another visit needed).
    public var visitNote: String?
    /// The work sessions; when present, `workedMinutes` is the sum of their minutes.
    public var sessions: [WorkSession]?
    /// Total travel minutes (zero or more).
    public var travelMinutes: Int?
    /// The name of the customer's representative who signed the report.
    public var signedBy: String?
    /// Absolute URL of the report's PDF on web-report.
    public var reportURL: String?

    /// Key: the ticket id when present, else the appointment id.
    ///
    /// Keying by ticket puts the intervention in the same partition order as everything else
    /// that happens to its ticket (several appointments may serve one ticket); an intervention
    /// without a ticket only needs ordering per appointment.
    public var aggregateID: String { ticketID ?? appointmentID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        reportID: String, appointmentID: String, ticketID: String?, operatorID: String,
        workDone: String, workedMinutes: Int, materials: [MaterialLine], closedAt: Date,
        outcome: InterventionOutcome? = nil, visitNote: String? = nil, sessions: [WorkSession]? = nil,
        travelMinutes: Int? = nil, signedBy: String? = nil, reportURL: String? = nil
    ) {
        self.reportID = reportID
        self.appointmentID = appointmentID
        self.ticketID = ticketID
        self.operatorID = operatorID
        self.workDone = workDone
        self.workedMinutes = workedMinutes
        self.materials = materials
        self.closedAt = closedAt
        self.outcome = outcome
        self.visitNote = visitNote
        self.sessions = sessions
        self.travelMinutes = travelMinutes
        self.signedBy = signedBy
        self.reportURL = reportURL
    }

    /// The outcome as consumers should read it: absent is an older producer's completed report.
    public var effectiveOutcome: InterventionOutcome { outcome ?? .completed }
}

extension InterventionClosed: PayloadValidating {
    /// The report's minutes are the sum of its work sessions, no time is negative, and "another visit
    /// needed" comes with the technician's note for the planner's queue.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(reportID, "reportID")
        check.nonEmpty(appointmentID, "appointmentID")
        check.nonEmptyIfPresent(ticketID, "ticketID")
        check.nonEmpty(operatorID, "operatorID")
        check.nonNegative(workedMinutes, "workedMinutes")
        check.each(materials, "materials")
        if let sessions {
            check.each(sessions, "sessions")
            let total = sessions.reduce(0) { $0 + $1.workedMinutes }
            check.require(workedMinutes == total, "workedMinutes must be the sum of the sessions' minutes")
        }
        if let travelMinutes { check.nonNegative(travelMinutes, "travelMinutes") }
        if outcome == .anotherVisitNeeded {
            check.nonEmpty(visitNote ?? "", "visitNote")
        }
        check.nonEmptyIfPresent(signedBy, "signedBy")
        check.nonEmptyIfPresent(reportURL, "reportURL")
    }
}
