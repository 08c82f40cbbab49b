import ServiceKit

/// A page of a list intake reads whole because it is small by nature — setup tables, users, API
/// keys, one ticket's files (tens to hundreds of rows): the same keyset contract as the big lists
/// (`limit`, opaque `cursor` = the last row's key, `nextCursor`), so clients page every list the
/// same way and no answer is unbounded, without an index per small table.
enum ListSlice {
    /// The rows after the cursor's key in the order of `key` (ascending, or descending), at most
    /// `request.limit`.
    /// - Parameter width: how many values `key` gives; a cursor with another count is refused.
    /// - Throws: ``PageRequestError/badCursor`` for a cursor of another list.
    static func page<Item>(
        _ items: [Item], _ request: PageRequest, width: Int, descending: Bool = false, key: (Item) -> [String]
    ) throws(PageRequestError) -> Page<Item> {
        let keyed = items.map { (key: key($0), item: $0) }
            .sorted { descending ? $1.key.lexicographicallyPrecedes($0.key) : $0.key.lexicographicallyPrecedes($1.key) }
        var rest = keyed[...]
        if let cursor = request.cursor {
            guard cursor.values.count == width else { throw .badCursor }
            rest = keyed.drop { row in
                descending
                    ? !row.key.lexicographicallyPrecedes(cursor.values)
                    : !cursor.values.lexicographicallyPrecedes(row.key)
            }
        }
        return Page(fetched: Array(rest.prefix(request.fetchLimit)), request: request) { PageCursor($0.key) }
            .mapItems(\.item)
    }
}

extension Page {
    /// The same page with each row transformed (the cursor stays).
    func mapItems<Other>(_ transform: (Item) -> Other) -> Page<Other> {
        Page<Other>(items: items.map(transform), nextCursor: nextCursor)
    }
}
