import Foundation
import Hummingbird
import ServiceKit

/// Turns web-report's refusals into HTTP errors with their sentence in the caller's language:
/// 404 for something unknown, 403 for someone else's, 409 for a conflict with what is stored,
/// 422 for a report that breaks a rule.
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
}
