package import Foundation

/// The facts an email is written from, as the event carried them. The job stores these rather
/// than finished text because the worker renders at send time: a corrected template also fixes
/// the emails still queued or waiting for a retry.
package struct EmailFacts: Codable, Sendable, Equatable {
    /// Whom the email greets.
    package var customerName: String
    /// The ticket the email is about, when there is one.
    package var ticketNumber: String?
    /// What the customer reported (ticket emails only).
    package var description: String?
    /// The appointment's title as shown on the planner.
    package var title: String?
    /// Start of the appointment (the new one for a move, the freed one for a cancellation).
    package var start: Date?
    /// End of the appointment.
    package var end: Date?
    /// Where a moved appointment was before, so the customer recognises which one moved.
    package var previousStart: Date?
    /// End of the slot before the move.
    package var previousEnd: Date?
    /// Who comes; absent when a cancellation names an appointment this service never saw scheduled.
    package var technicianName: String?
    /// The back office's reason for a cancellation; absent when it gave none.
    package var reason: String?
    /// Whom the email greets when it is not the customer (a technician, an operator).
    package var recipientName: String? = nil
    /// For the technician's email: the appointment moved / was cancelled (else: newly given).
    package var isMoved: Bool? = nil
    /// For the technician's email: the appointment was cancelled.
    package var isCancelled: Bool? = nil
    /// The signed report's address on web-report, when `intervention.closed.v1` carries one.
    package var reportURL: String? = nil
    /// The appointment an email is about, for its calendar invitation's `UID`.
    package var appointmentID: String? = nil
    /// The invitation's `SEQUENCE`: 0 when scheduled, one more at each move or cancellation.
    package var calendarSequence: Int? = nil
    /// The ticket's activity type, whose own templates (if any) replace the defaults.
    package var activityTypeID: String? = nil
    /// The closed intervention's report, whose signed PDF (`intervention.report-issued.v1`) the
    /// customer's "intervention completed" email carries.
    package var reportID: String? = nil
    /// The recipient's language, `"it"` or `"en"`; absent (or anything else) = Italian. A
    /// customer's comes from intake's customer setup, staff and mailing lists read Italian.
    package var language: String? = nil

    /// Memberwise, every fact optional but the greeting.
    package init(
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
