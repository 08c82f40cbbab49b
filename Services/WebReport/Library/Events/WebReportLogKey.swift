/// Logger metadata keys of the web-report service, beside the shared ``LogKey`` ones.
enum WebReportLogKey {
    /// The appointment an event is about.
    static let appointmentID = "appointment.id"
}
