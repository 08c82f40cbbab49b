import ServiceKit
import WebReportDomain

extension AppointmentAccess {
    /// The access of a request's identity: its operator link from the session, the back office
    /// by `planner.schedule`, its name for the refusal; an API client is never linked to an operator.
    init(_ identity: RequestIdentity?) {
        self.init(
            operatorID: identity?.user?.operatorID, isBackOffice: identity?.has(.plannerSchedule) ?? false,
            name: identity?.displayName ?? "?")
    }
}
