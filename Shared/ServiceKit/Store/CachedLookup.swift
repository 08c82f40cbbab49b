public import GRDB

/// Reads of one row by its primary key through a statement SQLite compiles once per connection
/// (`Database.cachedStatement`). The query interface prepares a new statement at every call, and
/// the event handlers read several rows (ticket, customer, activity type, rule) per event: while
/// catching up on a backlog of thousands of events the preparing was a large share of a
/// consumer's time (issue 15).
extension FetchableRecord where Self: TableRecord {
    /// The row whose single-column key `column` equals `value`, or `nil`.
    public static func cachedFetch(_ db: Database, where column: String, is value: String) throws -> Self? {
        // Raw SQL stays: only a statement of its own text can be cached (see above).
        let statement = try db.cachedStatement(
            sql: "SELECT * FROM \"\(databaseTableName)\" WHERE \"\(column)\" = ?")
        return try fetchOne(statement, arguments: [value])
    }
}
