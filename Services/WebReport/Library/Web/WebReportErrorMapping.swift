import Foundation
import Hummingbird
import ServiceKit
import WebReportDomain

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
        case .appointmentNotFound, .reportNotFound, .photoNotFound, .calendarNotFound: .notFound
        case .alreadyClosed, .appointmentCancelled, .reportClosed: .conflict
        case .notYourAppointment, .notYourList: .forbidden
        }
    }

    /// Runs `work`, rethrowing a ``WebReportError`` as an `HTTPError` in the language of `request`.
    static func mapped<T>(_ request: Request, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as WebReportError {
            throw httpError(error, answering: request)
        }
    }

    /// Like ``mapped(_:_:)`` for a route on one appointment or report: to a caller who is not the
    /// back office, an appointment or report that does not exist is refused like someone else's.
    static func mapped<T>(_ request: Request, access: AppointmentAccess, _ work: () async throws -> T) async throws -> T
    {
        do {
            return try await work()
        } catch let error as WebReportError {
            throw httpError(hidingExistence(error, from: access), answering: request)
        }
    }

    /// `error` as the HTTP error the caller receives: its status and its sentence.
    static func httpError(_ error: WebReportError, answering request: Request) -> HTTPError {
        HTTPError(
            status(of: error),
            message: error.message(language: language(of: request, unasked: unaskedLanguage(of: error))))
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

    /// The language of a refusal whose caller named none. The technician's refusals were always
    /// bilingual and follow the pages (Italian); the calendar feed's answered in English only
    /// before it had an Italian wording, and the phone calendars reading it keep that.
    static func unaskedLanguage(of error: WebReportError) -> PageLanguage {
        error == .calendarNotFound ? .en : PageLanguage.fallback
    }

    /// The language `request` asks for (the user's own setting, the `lang` cookie, then
    /// `Accept-Language`, as `PageLanguage.of` reads them), or `unasked` when it names none of
    /// the pages' languages.
    static func language(of request: Request, unasked: PageLanguage) -> PageLanguage {
        let identity = RequestIdentity.current
        let cookie = request.cookies[PageLanguage.cookieName]?.value
        let asked =
            identity?.user?.language != nil
            || cookie.flatMap { PageLanguage(rawValue: $0.lowercased()) } != nil
            || namesAPageLanguage(request.headers[.acceptLanguage])
        return asked ? PageLanguage.of(request, identity: identity) : unasked
    }

    /// Whether an `Accept-Language` value names a language the pages have with a quality above zero.
    static func namesAPageLanguage(_ acceptLanguage: String?) -> Bool {
        guard let acceptLanguage else { return false }
        return acceptLanguage.split(separator: ",").contains { range in
            let pieces = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = pieces.first, let primary = tag.split(separator: "-").first,
                PageLanguage(rawValue: String(primary)) != nil
            else { return false }
            return !pieces.dropFirst().contains { $0.hasPrefix("q=") && (Double($0.dropFirst(2)) ?? 0) <= 0 }
        }
    }
}
