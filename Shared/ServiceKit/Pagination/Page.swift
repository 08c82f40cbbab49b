/// One page of a keyset-paginated list: `{"items": […], "nextCursor": "…"}`; `nextCursor` is
/// absent on the last page.
public struct Page<Item: Sendable>: Sendable {
    /// The rows of this page, in the list's order.
    public var items: [Item]
    /// Pass back as `?cursor=` for the next page; `nil` on the last page.
    public var nextCursor: PageCursor?

    /// A page already cut by the caller.
    public init(items: [Item], nextCursor: PageCursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// The page from the rows a store read with ``PageRequest/fetchLimit``: keeps at most
    /// `request.limit` and, when there was one more, makes the cursor from the last row kept.
    public init(fetched rows: [Item], request: PageRequest, cursor: (Item) -> PageCursor) {
        let kept = Array(rows.prefix(request.limit))
        self.items = kept
        self.nextCursor = rows.count > request.limit ? kept.last.map(cursor) : nil
    }
}

extension Page: Equatable where Item: Equatable {}

extension Page: Encodable where Item: Encodable {
    private enum CodingKeys: String, CodingKey { case items, nextCursor }

    /// `{"items": […], "nextCursor": "…"}`, without `nextCursor` on the last page.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encodeIfPresent(nextCursor?.token, forKey: .nextCursor)
    }
}
