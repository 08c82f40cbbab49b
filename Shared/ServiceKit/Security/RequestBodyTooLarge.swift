public import AriannaWording
public import Hummingbird

/// 413: a request's body is over its route class's ceiling. Answered in the request's language,
/// `{"error": {"message": "…"}}` like every other API error.
public struct RequestBodyTooLarge: Error, Equatable, CustomStringConvertible {
    /// The class whose ceiling was passed.
    public let routeClass: RequestBodyLimits.RouteClass
    /// The ceiling, in bytes.
    public let limit: Int

    /// The refusal of a body over `limit` bytes on a route of `routeClass`.
    public init(routeClass: RequestBodyLimits.RouteClass, limit: Int) {
        self.routeClass = routeClass
        self.limit = limit
    }

    /// The refusal in both page languages, with the ceiling in MiB or KiB.
    public var wording: Wording {
        let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(max(1, limit >> 10)) KiB"
        switch routeClass {
        case .json:
            return Wording(
                it: "Il corpo JSON della richiesta supera \(size): riducilo o dividilo in più richieste.",
                en: "The request's JSON body is larger than \(size): shorten it or split it into several requests.")
        case .form:
            return Wording(
                it: "Il modulo inviato supera \(size): riduci il testo inserito.",
                en: "The submitted form is larger than \(size): shorten what you entered.")
        case .upload:
            return Wording(
                it: "Il file caricato supera \(size): carica un file più piccolo.",
                en: "The uploaded file is larger than \(size): upload a smaller file.")
        }
    }

    /// The refusal in English, for the log.
    public var description: String { wording.en }
}

extension RequestBodyTooLarge: HTTPResponseError {
    /// Always 413.
    public var status: HTTPResponse.Status { .contentTooLarge }

    /// `{"error": {"message": …}}` in the request's language.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse.make(
            status, TooLargeBody(error: .init(message: wording.text(PageLanguage.of(request)))))
        // The body is not read: ask the client not to send more on this connection.
        response.headers[.connection] = "close"
        return response
    }
}

/// `{"error": {"message": "…"}}`.
private struct TooLargeBody: Encodable {
    /// The sentence shown to the caller.
    struct Message: Encodable { let message: String }
    /// The error, wrapped as every API error is.
    let error: Message
}
