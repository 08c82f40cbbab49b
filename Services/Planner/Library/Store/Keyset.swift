import Foundation
import GRDB
import ServiceKit

/// Keyset pagination of a planner list on an indexed order: the rows strictly after the cursor's
/// values in `columns` order, `limit + 1` of them (see `PageRequest.fetchLimit`), never OFFSET.
/// The last column must be unique (an id) so ties cannot lose or repeat rows.
struct Keyset: Sendable {
    /// How a cursor value is bound: SQLite orders every integer before every text, so an integer
    /// column must be compared with an integer.
    enum Kind: Sendable {
        /// `text`: the column holds text and the cursor's value is bound as a string; `integer`: it holds
        /// integers and the value is bound as an integer.
        case text, integer
    }

    /// The order's columns, most significant first.
    let columns: [(name: String, kind: Kind)]

    /// `request` ordered by the columns, after the cursor, limited to `page.fetchLimit`.
    /// - Throws: `PageRequestError.badCursor` when the cursor does not fit these columns.
    func apply<Record>(
        _ request: QueryInterfaceRequest<Record>, page: PageRequest
    ) throws -> QueryInterfaceRequest<Record> {
        let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        var request = request
        if let cursor = page.cursor {
            guard cursor.values.count == columns.count else { throw PageRequestError.badCursor }
            var arguments: [any DatabaseValueConvertible] = []
            for (value, column) in zip(cursor.values, columns) {
                switch column.kind {
                case .text: arguments.append(value)
                case .integer:
                    guard let number = Int64(value) else { throw PageRequestError.badCursor }
                    arguments.append(number)
                }
            }
            let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
            // Raw on purpose: the query interface has no row-value comparison, which keyset pages need.
            request = request.filter(sql: "(\(names)) > (\(marks))", arguments: StatementArguments(arguments))
        }
        return request.order(sql: names).limit(page.fetchLimit)
    }

    /// Reads one page: `key` gives a row's values of the order's columns, as stored (dates with
    /// `DatabaseDateText.format`), for the next cursor.
    func page<Record: FetchableRecord & Sendable>(
        _ request: QueryInterfaceRequest<Record>, page: PageRequest, in db: Database, key: (Record) -> [String]
    ) throws -> Page<Record> {
        Page(fetched: try apply(request, page: page).fetchAll(db), request: page) { PageCursor(key($0)) }
    }
}
