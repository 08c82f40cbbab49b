import Foundation

extension HTTP {
    /// The rows of one page of a keyset-paged list endpoint (`{"items": […], "nextCursor": "…"}`).
    static func listItems(_ data: Data) throws -> [[String: Any]] {
        guard let items = try object(data)["items"] as? [[String: Any]] else {
            throw HarnessError("expected a page {\"items\": […]}, got \(String(decoding: data, as: UTF8.self))")
        }
        return items
    }
}
