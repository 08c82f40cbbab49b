public import AriannaWording
import Foundation
public import Hummingbird

/// A page's request it cannot answer (a bad `?limit=` or `?cursor=`), already rendered as the
/// page's own error view: the shared layout, the page's title, the reason in the user's language
/// and a link to the first page, with the error's status.
///
/// A JSON endpoint answers ``PageRequestError`` as `{"error": …}`; a browser following a stale or
/// edited link to a list page gets this view instead. The view is rendered where the page reads
/// its query (inside the request's identity, so the header still shows who is logged in) and
/// thrown, so the page's handler needs no second return path.
public struct PageProblem: HTTPResponseError {
    /// The rendered view.
    public let rendered: Response

    /// Wraps a view rendered with ``PageRenderer/renderProblem(_:page:request:status:)``.
    public init(rendered: Response) {
        self.rendered = rendered
    }

    /// The status the view was rendered with (400 for a bad limit or cursor).
    public var status: HTTPResponse.Status { rendered.status }

    /// The rendered view, as it is.
    public func response(from request: Request, context: some RequestContext) throws -> Response { rendered }
}

extension PageRenderer {
    /// The name the error view is registered under in the library.
    static let problemName = "arianna-page-problem"

    /// `?limit=&cursor=` of a list page, checked like ``PageRequest/init(_:defaultLimit:maximum:)``.
    /// - Throws: ``PageProblem`` (400): the page's error view with the reason, for a bad limit or cursor.
    public func pageRequest(_ request: Request, page: Page, defaultLimit: Int = 50, maximum: Int = 200) throws
        -> PageRequest
    {
        do {
            return try PageRequest(request, defaultLimit: defaultLimit, maximum: maximum)
        } catch {
            throw PageProblem(
                rendered: try renderProblem(error.wording, page: page, request: request, status: error.status))
        }
    }

    /// The page's error view: its title, `reason` in the request's language, a link to the page
    /// without `limit` and `cursor`.
    public func renderProblem(_ reason: Wording, page: Page, request: Request, status: HTTPResponse.Status) throws
        -> Response
    {
        let language = PageLanguage.of(request, identity: RequestIdentity.current)
        let table = strings.table(for: language)
        let model = ProblemModel(
            title: table[page.titleKey] ?? page.titleKey, message: reason.text(language),
            firstPage: Self.firstPage(of: request))
        return try render(
            Self.problemName, page: Page(titleKey: page.titleKey, stylesheets: page.stylesheets),
            model: model, request: request, status: status)
    }

    /// The request's path and query without the paging parameters.
    static func firstPage(of request: Request) -> String {
        var components = URLComponents()
        components.path = request.uri.path
        let kept = request.uri.queryParameters.filter { $0.key != "limit" && $0.key != "cursor" }
        if !kept.isEmpty {
            components.queryItems = kept.map { URLQueryItem(name: String($0.key), value: String($0.value)) }
        }
        return components.string ?? request.uri.path
    }
}

/// What the error view shows.
private struct ProblemModel {
    /// The page's title, in the user's language.
    let title: String
    /// Why the page cannot be shown, in the user's language.
    let message: String
    /// The same page without `limit` and `cursor`.
    let firstPage: String
}
