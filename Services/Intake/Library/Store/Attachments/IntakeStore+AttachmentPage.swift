import Foundation
import GRDB
import ServiceKit

extension IntakeStore {
    /// One page of a ticket's attachments, oldest first: keyset on `(addedAt, rowid)`, the order of
    /// the index `ticketAttachment_ticket (ticketID, addedAt)` (which carries the rowid).
    /// - Throws: ``PageRequestError/badCursor`` for a cursor that is not this list's.
    func attachmentPage(ofTicket ticketID: String, page: PageRequest) async throws -> Page<AttachmentRecord> {
        var after: (Date, Int64)?
        if let cursor = page.cursor {
            guard cursor.values.count == 2, let addedAt = cursor.date(at: 0), let position = Int64(cursor.values[1])
            else { throw PageRequestError.badCursor }
            after = (addedAt, position)
        }
        let start = after
        let rows = try await database.read { db in
            let keyset = start == nil ? "" : "AND (addedAt, rowid) > (?, ?)"
            var arguments: StatementArguments = [ticketID]
            if let start { arguments += [start.0, start.1] }
            arguments += [page.fetchLimit]
            // Raw: keyset pagination with a row value on (addedAt, rowid), the rowid read as the cursor.
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid AS position, * FROM ticketAttachment WHERE ticketID = ? \(keyset)
                    ORDER BY addedAt, rowid LIMIT ?
                    """, arguments: arguments
            ).map { row in (position: row["position"] as Int64, record: try AttachmentRecord(row: row)) }
        }
        let kept = Array(rows.prefix(page.limit))
        return Page(
            items: kept.map(\.record),
            nextCursor: rows.count > page.limit
                ? kept.last.map { PageCursor([APIJSON.format($0.record.addedAt), String($0.position)]) } : nil)
    }
}
