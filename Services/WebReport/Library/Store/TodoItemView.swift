import Foundation

/// A to-do line as the technician's phone shows it.
struct TodoItemView: Codable, Sendable, Equatable {
    /// The appointment, which the phone opens and files the report against.
    var appointmentID: String
    /// The ticket the appointment works on, if any.
    var ticketID: String?
    /// The ticket's number as people read it.
    var ticketNumber: String?
    /// Whose list the line is on.
    var operatorID: String
    /// The operator's name.
    var operatorName: String
    /// The planner's title of the appointment.
    var title: String
    /// The customer visited, when known.
    var customerName: String?
    /// When the technician is expected on site.
    var start: Date
    /// When the slot ends.
    var end: Date

    /// The line as the API shows it: the stored line without its bookkeeping.
    init(_ item: TodoItemRecord) {
        appointmentID = item.appointmentID
        ticketID = item.ticketID
        ticketNumber = item.ticketNumber
        operatorID = item.operatorID
        operatorName = item.operatorName
        title = item.title
        customerName = item.customerName
        start = item.start
        end = item.end
    }
}
