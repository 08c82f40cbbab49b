/// Logger metadata keys of the web-report service, beside the shared ``LogKey`` ones.
enum WebReportLogKey {
    static let appointmentID = "appointment.id"
}
