import BillingDomain
import Hummingbird
import ServiceKit

/// Turns billing's domain refusals (``BillingError``) into HTTP answers, once for the whole
/// service, so every route answers the same status for the same refusal: 422 for input that
/// breaks a rule, 404 for something unknown, 409 for a clash with what is stored, 400 for a query
/// or a form that cannot be read. The message is
/// in the request's language (`PageLanguage.of`: the user's setting, the `lang` cookie, then
/// `Accept-Language`, else Italian) and lists every problem by field, so a page or a script can
/// show each one next to what it is about.
enum BillingErrorMapping {
    /// The status of `error`.
    static func status(of error: BillingError) -> HTTPResponse.Status {
        switch error {
        case .invalid: .unprocessableContent
        case .notFound: .notFound
        case .conflict: .conflict
        case .unreadable: .badRequest
        }
    }

    /// `{"error": {"message": "…", "fields": [{"field": "price", "message": "…"}]}}` in
    /// `language`: the same `error.message` as every other API error, plus the problems.
    static func response(for error: BillingError, language: PageLanguage) throws -> Response {
        try JSONResponse.make(
            status(of: error),
            Body(
                error: .init(
                    message: error.message(language: language), fields: error.problems.map { $0.shown(language) })))
    }

    /// The JSON body of a refusal.
    private struct Body: Encodable {
        /// The refusal: its message and its problems by field.
        struct Detail: Encodable {
            /// The whole refusal in one sentence.
            let message: String
            /// Each problem with its field.
            let fields: [BillingProblem.Shown]
        }
        /// Hummingbird's error shape, `{"error": {…}}`.
        let error: Detail
    }
}

/// A ``BillingError`` thrown by any route is answered through ``BillingErrorMapping``.
extension BillingError: HTTPResponseError {
    /// The status ``BillingErrorMapping`` gives this refusal; pages answer their form with it.
    var status: HTTPResponse.Status { BillingErrorMapping.status(of: self) }

    /// The refusal's JSON answer in the language of `request`.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        try BillingErrorMapping.response(for: self, language: PageLanguage.of(request))
    }
}
