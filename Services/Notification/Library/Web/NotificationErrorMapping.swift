import Hummingbird
import NotificationDomain
import ServiceKit

/// Turns notification's domain errors into HTTP errors carrying their message, so every route
/// answers the same status for the same refusal: 404 for something unknown, 409 for a resend the
/// email's state forbids, 422 for a setting that breaks a rule, 400 for a missing activity type.
enum NotificationErrorMapping {
    /// Runs `work`, rethrowing notification errors as HTTP errors in the language `request` asks
    /// for (`PageLanguage.of`: the user's setting, the `lang` cookie, then `Accept-Language`);
    /// when it asks for none, in `unasked` — Italian, the pages' language, unless a route whose
    /// answers were English before they were bilingual keeps English.
    static func mapped<T>(
        _ request: Request, unasked: PageLanguage = PageLanguage.fallback, _ work: () async throws -> T
    ) async throws -> T {
        do {
            return try await work()
        } catch let error as NotificationError {
            throw httpError(error, language: language(of: request, unasked: unasked))
        }
    }

    /// The HTTP answer to `error`, worded in `language`.
    static func httpError(_ error: NotificationError, language: PageLanguage) -> HTTPError {
        let status: HTTPResponse.Status =
            switch error {
            case .emailNotFound, .templateNotFound, .triggerNotFound: .notFound
            case .emailNotFailed, .emailWithoutAddress: .conflict
            case .templateRefused, .recipientNotAllowed, .unknownField, .templateActivityTypeMissing:
                .unprocessableContent
            case .activityTypeMissing, .activityTypeIDMissing: .badRequest
            }
        return HTTPError(status, message: error.message(language: language))
    }

    /// The language `request` asks for, or `unasked` when it names none (no user setting, no
    /// `lang` cookie, no `Accept-Language`).
    static func language(of request: Request, unasked: PageLanguage) -> PageLanguage {
        let asked =
            RequestIdentity.current?.user?.language != nil
            || request.cookies[PageLanguage.cookieName] != nil
            || request.headers[.acceptLanguage] != nil
        return asked ? PageLanguage.of(request) : unasked
    }
}
