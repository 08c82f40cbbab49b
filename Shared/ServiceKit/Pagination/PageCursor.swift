public import Foundation

/// Where the next page of a keyset-paginated list starts: the sort key of the last row sent.
///
/// Lists are paged on an indexed order (never `OFFSET`): the cursor carries the values of that
/// order's columns for the last row of a page, most significant first, ending with a unique
/// column (usually the id) so ties are broken. The next query asks for rows strictly after those
/// values. On the wire the cursor is opaque: base64url of a JSON array of strings, so clients
/// must pass it back unchanged and never build one.
public struct PageCursor: Sendable, Equatable {
    /// The last row's sort-key values, most significant first.
    public var values: [String]

    /// The cursor after a row with these sort-key values (the unique id last).
    public init(_ values: [String]) {
        self.values = values
    }

    /// The opaque text sent as `nextCursor` and read back from `?cursor=`.
    public var token: String {
        let json = (try? JSONEncoder().encode(values)) ?? Data("[]".utf8)
        return Base64URL.encode(json)
    }

    /// The cursor `token` stands for, or `nil` when it is not one of ours (bad base64url, not a
    /// JSON array of strings, empty).
    public init?(token: String) {
        guard token.count <= 2048, let data = Base64URL.decode(token),
            let values = try? JSONDecoder().decode([String].self, from: data), !values.isEmpty
        else { return nil }
        self.values = values
    }

    /// The value at `index` read as a date written by ``APIJSON/format(_:)``, or `nil`.
    public func date(at index: Int) -> Date? {
        values.indices.contains(index) ? APIJSON.parse(values[index]) : nil
    }

    /// The value at `index` read as a whole number, or `nil`.
    public func integer(at index: Int) -> Int? {
        values.indices.contains(index) ? Int(values[index]) : nil
    }
}
