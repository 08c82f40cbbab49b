import Hummingbird
import ServiceKit

extension BillingError: HTTPResponseError {
    var status: HTTPResponse.Status {
        switch self {
        case .invalid: .unprocessableContent
        case .notFound: .notFound
        case .conflict: .conflict
        }
    }

    /// `{"error": {"message": "…", "fields": [{"field": "price", "message": "…"}]}}` in the
    /// request's language: the same `error.message` as every other API error, plus the problems.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        let language = PageLanguage.of(request)
        return try JSONResponse.make(status, Body(error: .init(
            message: message(language), fields: problems.map { $0.shown(language) })))
    }

    private struct Body: Encodable {
        struct Detail: Encodable {
            let message: String
            let fields: [BillingProblem.Shown]
        }
        let error: Detail
    }
}
