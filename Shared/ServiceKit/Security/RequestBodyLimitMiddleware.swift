import AriannaWording
public import Hummingbird

/// Refuses a body over its route class's ceiling (`RequestBodyLimits`) with a bilingual 413
/// before any of it is read: a declared `Content-Length` over the ceiling is refused at once; a
/// body without one (chunked) is counted as it streams, and the reader that passes the ceiling
/// gets `RequestBodyTooLarge` instead of more bytes.
public struct RequestBodyLimitMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext
    let limits: RequestBodyLimits

    public init(limits: RequestBodyLimits = RequestBodyLimits()) {
        self.limits = limits
    }

    /// 400 for a `Content-Length` that is not a byte count.
    static let badLength = Wording(
        it: "Content-Length deve essere un numero intero di byte.",
        en: "Content-Length must be a whole number of bytes.")

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let routeClass = RequestBodyLimits.routeClass(contentType: request.headers[.contentType])
        let limit = limits.limit(of: routeClass)
        if let declared = request.headers[.contentLength] {
            guard let length = Int(declared), length >= 0 else {
                throw HTTPError(.badRequest, message: Self.badLength.text(PageLanguage.of(request)))
            }
            guard length <= limit else { throw RequestBodyTooLarge(routeClass: routeClass, limit: limit) }
            return try await next(request, context)
        }
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        var request = request
        request.body = RequestBody(asyncSequence: CountedBody(
            base: request.body, limit: limit, refusal: RequestBodyTooLarge(routeClass: routeClass, limit: limit)))
        return try await next(request, context)
    }
}

/// A request body that throws `refusal` once more than `limit` bytes have streamed in.
struct CountedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    let limit: Int
    let refusal: RequestBodyTooLarge

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let limit: Int
        let refusal: RequestBodyTooLarge
        var seen = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            seen += buffer.readableBytes
            guard seen <= limit else { throw refusal }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), limit: limit, refusal: refusal)
    }
}
