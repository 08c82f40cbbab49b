import Foundation

/// A to-do line as the technician's phone shows it.
struct TodoItemView: Codable, Sendable, Equatable {
    var appointmentID: String
    var ticketID: String?
    var ticketNumber: String?
    var operatorID: String
    var operatorName: String
    var title: String
    var customerName: String?
    var start: Date
    var end: Date

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
