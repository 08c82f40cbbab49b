import AriannaWording
public import Hummingbird

/// Refuses a body over its route class's ceiling (`RequestBodyLimits`) with a bilingual 413
/// before any of it is read: a declared `Content-Length` over the ceiling is refused at once; a
/// body without one (chunked) is counted as it streams, and the reader that passes the ceiling
/// gets `RequestBodyTooLarge` instead of more bytes.
public struct RequestBodyLimitMiddleware: RouterMiddleware {
    /// The one request context of every service.
    public typealias Context = ServiceRequestContext
    /// The ceiling of each route class.
    let limits: RequestBodyLimits

    /// Enforces `limits`, the shared ceilings unless a test gives smaller ones.
    public init(limits: RequestBodyLimits = RequestBodyLimits()) {
        self.limits = limits
    }

    /// 400 for a `Content-Length` that is not a byte count.
    static let badLength = Wording(
        it: "Content-Length deve essere un numero intero di byte.",
        en: "Content-Length must be a whole number of bytes.")

    /// Refuses or counts the body, then runs the route.
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
        request.body = RequestBody(
            asyncSequence: CountedBody(
                base: request.body, limit: limit, refusal: RequestBodyTooLarge(routeClass: routeClass, limit: limit)))
        return try await next(request, context)
    }
}

/// A request body that throws `refusal` once more than `limit` bytes have streamed in.
struct CountedBody: AsyncSequence, Sendable {
    /// The body's parts, as Hummingbird streams them.
    typealias Element = ByteBuffer
    /// The body as it arrived.
    let base: RequestBody
    /// The route class's ceiling, in bytes.
    let limit: Int
    /// What the reader gets once the ceiling is passed.
    let refusal: RequestBodyTooLarge

    /// Counts the bytes handed out so far.
    struct AsyncIterator: AsyncIteratorProtocol {
        /// The body's own reader.
        var base: RequestBody.AsyncIterator
        /// The route class's ceiling, in bytes.
        let limit: Int
        /// Thrown once the ceiling is passed.
        let refusal: RequestBodyTooLarge
        /// Bytes handed out so far.
        var seen = 0

        /// The next part, or ``refusal`` once the total passes ``limit``.
        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            seen += buffer.readableBytes
            guard seen <= limit else { throw refusal }
            return buffer
        }
    }

    /// A counting reader over the body.
    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), limit: limit, refusal: refusal)
    }
}
