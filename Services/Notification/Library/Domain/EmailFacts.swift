import Foundation

/// The facts an email is written from, as the event carried them. The job stores these rather
/// than finished text because the worker renders at send time: a corrected template also fixes
/// the emails still queued or waiting for a retry.
struct EmailFacts: Codable, Sendable, Equatable {
    /// Whom the email greets.
    var customerName: String
    /// The ticket the email is about, when there is one.
    var ticketNumber: String?
    /// What the customer reported (ticket emails only).
    var description: String?
    /// The appointment's title as shown on the planner.
    var title: String?
    /// Start of the appointment (the new one for a move, the freed one for a cancellation).
    var start: Date?
    /// End of the appointment.
    var end: Date?
    /// Where a moved appointment was before, so the customer recognises which one moved.
    var previousStart: Date?
    /// End of the slot before the move.
    var previousEnd: Date?
    /// Who comes; absent when a cancellation names an appointment this service never saw scheduled.
    var technicianName: String?
    /// The back office's reason for a cancellation; absent when it gave none.
    var reason: String?
    /// Whom the email greets when it is not the customer (a technician, an operator).
    var recipientName: String? = nil
    /// For the technician's email: the appointment moved / was cancelled (else: newly given).
    var isMoved: Bool? = nil
    /// For the technician's email: the appointment was cancelled.
    var isCancelled: Bool? = nil
    /// The signed report's address on web-report, when `intervention.closed.v1` carries one.
    var reportURL: String? = nil
    /// The appointment an email is about, for its calendar invitation's `UID`.
    var appointmentID: String? = nil
    /// The invitation's `SEQUENCE`: 0 when scheduled, one more at each move or cancellation.
    var calendarSequence: Int? = nil
    /// The ticket's activity type, whose own templates (if any) replace the defaults.
    var activityTypeID: String? = nil
    /// The closed intervention's report, whose signed PDF (`intervention.report-issued.v1`) the
    /// customer's "intervention completed" email carries.
    var reportID: String? = nil
    /// The recipient's language, `"it"` or `"en"`; absent (or anything else) = Italian. A
    /// customer's comes from intake's customer setup, staff and mailing lists read Italian.
    var language: String? = nil

    /// Memberwise, every fact optional but the greeting.
    init(
        customerName: String, ticketNumber: String? = nil, description: String? = nil, title: String? = nil,
        start: Date? = nil, end: Date? = nil, previousStart: Date? = nil, previousEnd: Date? = nil,
        technicianName: String? = nil, reason: String? = nil
    ) {
        self.customerName = customerName
        self.ticketNumber = ticketNumber
        self.description = description
        self.title = title
        self.start = start
        self.end = end
        self.previousStart = previousStart
        self.previousEnd = previousEnd
        self.technicianName = technicianName
        self.reason = reason
    }
}
