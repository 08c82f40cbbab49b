public import GRDB
import Synchronization

/// Remembers the last decoded record for each key, and hands it out again only while the row
/// read from the database is still exactly the same: a consumer applying a batch reads the same
/// setup row (an activity type with its layout and rules as JSON) for every event, and decoding
/// it again each time was a large share of the handler (issue 15). The row is still read on every
/// call, so a changed row is never served stale, whatever the database or transaction.
public final class DecodedRowCache<Record: FetchableRecord & Sendable>: Sendable {
    private let entries = Mutex<[String: (values: [DatabaseValue], record: Record)]>([:])
    /// Above this many keys the cache starts afresh (setup tables are small; this only bounds it).
    private let capacity: Int

    /// An empty cache of at most `capacity` keys.
    public init(capacity: Int = 256) { self.capacity = capacity }

    /// The record of the row `statement` finds with `arguments` (remembered under `key`), or `nil`.
    public func fetchOne(_ statement: Statement, arguments: StatementArguments, key: String) throws -> Record? {
        guard let row = try Row.fetchOne(statement, arguments: arguments) else { return nil }
        let values = Array(row.databaseValues)
        if let known = entries.withLock({ $0[key] }), known.values == values { return known.record }
        let record = try Record(row: row)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll() }
            entries[key] = (values, record)
        }
        return record
    }
}
