import Foundation
import Hummingbird
import ServiceKit

/// Turns web-report's refusals into HTTP errors with their sentence in the caller's language:
/// 404 for something unknown, 403 for someone else's, 409 for a conflict with what is stored,
/// 422 for a report that breaks a rule. A technician asking for an appointment or report that is
/// not on their list gets 403 whether or not it exists, so the answer does not reveal other
/// operators' work (``mapped(_:access:_:)``).
enum WebReportErrorMapping {
    /// The HTTP status of each refusal.
    static func status(of error: WebReportError) -> HTTPResponse.Status {
        switch error {
        case .invalidReport, .invalidPhoto: .unprocessableContent
        case .appointmentNotFound, .reportNotFound, .photoNotFound: .notFound
        case .alreadyClosed, .appointmentCancelled, .reportClosed: .conflict
        case .notYourAppointment, .notYourList: .forbidden
        }
    }

    /// Runs `work`, rethrowing a ``WebReportError`` as an `HTTPError` in the language of `request`.
    static func mapped<T>(_ request: Request, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as WebReportError {
            throw HTTPError(status(of: error), message: error.message(PageLanguage.of(request)))
        }
    }

    /// Like ``mapped(_:_:)`` for a route on one appointment or report: to a caller who is not the
    /// back office, an appointment or report that does not exist is refused like someone else's.
    static func mapped<T>(_ request: Request, access: AppointmentAccess, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as WebReportError {
            let shown = hidingExistence(error, from: access)
            throw HTTPError(status(of: shown), message: shown.message(PageLanguage.of(request)))
        }
    }

    /// `error`, or ``WebReportError/notYourAppointment(user:)`` in place of a missing appointment
    /// or report when `access` is not the back office's.
    static func hidingExistence(_ error: WebReportError, from access: AppointmentAccess) -> WebReportError {
        guard !access.isBackOffice else { return error }
        switch error {
        case .appointmentNotFound, .reportNotFound: return .notYourAppointment(user: access.name)
        default: return error
        }
    }
}
