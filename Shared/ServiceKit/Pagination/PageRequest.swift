public import Hummingbird

/// `?limit=&cursor=` of a list endpoint, checked: the limit within `1…maximum` (the default when
/// absent) and the cursor one this service issued.
///
/// Every list endpoint takes one, so no answer is unbounded; see ``PageCursor`` for the keyset
/// contract and ``Page`` for the answer's shape.
public struct PageRequest: Sendable, Equatable {
    /// Rows to return at most.
    public var limit: Int
    /// Where to continue, or `nil` for the first page.
    public var cursor: PageCursor?

    /// A page request built in code (tests, a store reading a whole list page by page).
    public init(limit: Int, cursor: PageCursor? = nil) {
        self.limit = limit
        self.cursor = cursor
    }

    /// Reads `limit` and `cursor` from `request`'s query.
    /// - Throws: ``PageRequestError`` (400, in the request's language) for a limit that is not a
    ///   whole number in `1…maximum` or a cursor this service did not issue.
    public init(_ request: Request, defaultLimit: Int = 50, maximum: Int = 200) throws(PageRequestError) {
        try self.init(
            limit: request.uri.queryParameters.get("limit"),
            cursor: request.uri.queryParameters.get("cursor"),
            defaultLimit: defaultLimit, maximum: maximum)
    }

    /// Checks query values already read (forms, tests).
    public init(limit text: String?, cursor token: String?, defaultLimit: Int = 50, maximum: Int = 200)
        throws(PageRequestError)
    {
        if let text, !text.isEmpty {
            guard let limit = Int(text), (1...maximum).contains(limit) else {
                throw .badLimit(text, maximum: maximum)
            }
            self.limit = limit
        } else {
            self.limit = min(defaultLimit, maximum)
        }
        if let token, !token.isEmpty {
            guard let cursor = PageCursor(token: token) else { throw .badCursor }
            self.cursor = cursor
        } else {
            self.cursor = nil
        }
    }

    /// The number of rows to ask the store for: one more than the limit, so the extra row tells
    /// whether there is a next page without counting.
    public var fetchLimit: Int { limit + 1 }
}
