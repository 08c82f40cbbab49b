public import AriannaWording
public import Hummingbird

/// A list endpoint's `limit` or `cursor` that cannot be used: 400 with the reason in the
/// request's language, `{"error": {"message": "…"}}` like every other API error.
public enum PageRequestError: Error, Equatable, CustomStringConvertible {
    /// `limit` is not a whole number from 1 to `maximum`.
    case badLimit(String, maximum: Int)
    /// `cursor` was not issued by this list (changed, truncated or from another endpoint).
    case badCursor

    /// The reason in both page languages.
    public var wording: Wording {
        switch self {
        case .badLimit(let text, let maximum):
            Wording(
                it: "limit deve essere un numero intero da 1 a \(maximum), non '\(text)'.",
                en: "limit must be a whole number from 1 to \(maximum), not '\(text)'.")
        case .badCursor:
            Wording(
                it: "cursor non è valido: ripassa esattamente il nextCursor della pagina precedente.",
                en: "cursor is not valid: pass back the previous page's nextCursor exactly as it was sent.")
        }
    }

    /// The reason in English, for the log.
    public var description: String { wording.en }
}

extension PageRequestError: HTTPResponseError {
    /// Always 400: the caller's query is wrong.
    public var status: HTTPResponse.Status { .badRequest }

    /// `{"error": {"message": …}}` in the request's language.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try JSONResponse.make(status, PageErrorBody(error: .init(message: wording.text(PageLanguage.of(request)))))
    }
}

/// `{"error": {"message": "…"}}`.
private struct PageErrorBody: Encodable {
    /// The sentence shown to the caller.
    struct Message: Encodable { let message: String }
    /// The error, wrapped as every API error is.
    let error: Message
}
