public import Hummingbird

/// Adds `SecurityHeaders` to every response, errors included (401, 403, 404, 413, 500), so no
/// page, API answer or error page is served without them. A route that sets one of the headers
/// itself keeps its own (intake serves attachments with `Content-Security-Policy: sandbox`).
/// Installed first by `ServiceRuntime.buildRouter`, so it wraps every other middleware.
public struct SecurityHeadersMiddleware: RouterMiddleware {
    /// The one request context of every service.
    public typealias Context = ServiceRequestContext
    /// The headers every answer carries.
    let headers: SecurityHeaders

    /// Adds `headers` to every answer.
    public init(headers: SecurityHeaders) {
        self.headers = headers
    }

    /// Runs the chain and adds the headers to its answer or its error.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        let overTLS =
            request.head.scheme == "https"
            || request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
        for field in headers.fields(requestHost: request.head.authority, overTLS: overTLS)
        where response.headers[field.name] == nil {
            response.headers.append(field)
        }
        return response
    }
}
