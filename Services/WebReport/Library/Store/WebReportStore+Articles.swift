import Foundation
import GRDB
import ServiceKit

/// The report form's article search (R18): billing's catalogue as web-report keeps it, a page at a time.
extension WebReportStore {
    /// One page, by code, of the active articles whose code or Italian or English description
    /// contains `text` (any case; `%` and `_` typed are dropped, not obeyed).
    /// - Throws: ``PageRequestError/badCursor`` for a cursor that is not one of this search's.
    func searchArticles(_ text: String, page: PageRequest = PageRequest(limit: 20)) async throws -> Page<ArticleRecord>
    {
        let pattern = "%" + text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
        var after: String?
        if let cursor = page.cursor {
            guard cursor.values.count == 1 else { throw PageRequestError.badCursor }
            after = cursor.values[0]
        }
        let start = after
        typealias Columns = ArticleRecord.Columns
        let rows = try await database.read { db in
            var matching =
                ArticleRecord
                .filter(Columns.active)
                .filter(
                    Columns.code.like(pattern) || Columns.description.like(pattern)
                        || (Columns.descriptionEN ?? "").like(pattern))
            if let start { matching = matching.filter(Columns.code > start) }
            return try matching.order(Columns.code).limit(page.fetchLimit).fetchAll(db)
        }
        return Page(fetched: rows, request: page) { PageCursor([$0.code]) }
    }
}
