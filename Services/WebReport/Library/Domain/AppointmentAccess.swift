/// Who may see and record an appointment: the technician it is assigned to, and the back office
/// (`planner.schedule`) for anyone's. Pure, so the rule is tested without a request.
package struct AppointmentAccess: Sendable, Equatable {
    /// The operator the caller is linked to, if any.
    package var operatorID: String?
    /// The back office may read and record every operator's appointments.
    package var isBackOffice: Bool
    /// For the refusal's wording.
    package var name: String

    /// The access of a caller described by hand: the Web layer builds it from the request's
    /// identity, tests from the technician or back office they play.
    package init(operatorID: String?, isBackOffice: Bool, name: String) {
        self.operatorID = operatorID
        self.isBackOffice = isBackOffice
        self.name = name
    }

    /// Whether the caller may see and record work on `owner`'s list.
    package func mayTouch(operator owner: String) -> Bool {
        isBackOffice || (operatorID != nil && operatorID == owner)
    }

    /// Throws ``WebReportError/notYourAppointment(user:)`` unless ``mayTouch(operator:)``.
    package func checkAppointment(of owner: String) throws(WebReportError) {
        guard mayTouch(operator: owner) else { throw .notYourAppointment(user: name) }
    }

    /// Throws ``WebReportError/notYourList(user:)`` unless ``mayTouch(operator:)``.
    package func checkList(of owner: String) throws(WebReportError) {
        guard mayTouch(operator: owner) else { throw .notYourList(user: name) }
    }
}
