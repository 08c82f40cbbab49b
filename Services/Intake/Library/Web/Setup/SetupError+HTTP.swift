public import Hummingbird
public import IntakeDomain
import ServiceKit

/// How a refused setup change is answered over HTTP: 422 for invalid fields, 409 for a taken
/// code or name, 404 for a missing row, with every problem by field.
extension SetupError: HTTPResponseError {
    /// 422 for invalid fields, 409 for a taken code or name, 404 for a missing item.
    public var status: HTTPResponse.Status {
        switch self {
        case .invalid: .unprocessableContent
        case .conflict: .conflict
        case .notFound: .notFound
        }
    }

    /// `{"error": {"message": "…", "fields": [{"field": "code", "message": "…"}]}}`: the same
    /// `error.message` as every other API error, plus the problems by field, in the request's
    /// language.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let language = PageLanguage.of(request)
        return try JSONResponse.make(
            status,
            SetupErrorBody(
                error: .init(
                    message: message(language), fields: problems.map { $0.shown(language) })))
    }
}

/// The JSON body of a `SetupError`.
struct SetupErrorBody: Encodable {
    /// The message and the problems by field of a refused setup change.
    struct Detail: Encodable {
        /// The refusal as one sentence in the request's language.
        let message: String
        /// Each problem with its field.
        let fields: [FieldProblem.Shown]
    }
    /// The refusal, under `error` like every other API error.
    let error: Detail
}
