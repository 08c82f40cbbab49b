import BillingDomain
import Foundation
import GRDB
import ServiceKit

/// One page of each billing list endpoint (issue 15): keyset pagination on an indexed order,
/// `limit` + opaque `cursor` (`ServiceKit/Pagination`), never `OFFSET`, never the whole table.
enum BillingPagedLists {
    /// The cursor's values, checked to be `width` of them.
    static func values(_ page: PageRequest, width: Int) throws(PageRequestError) -> [String]? {
        guard let cursor = page.cursor else { return nil }
        guard cursor.values.count == width else { throw .badCursor }
        return cursor.values
    }

    /// Keeps `page.limit` of the `fetchLimit` rows read and makes the next cursor from the last
    /// row kept.
    static func page<Row, Item>(_ rows: [Row], _ page: PageRequest, item: (Row) throws -> Item, key: (Row) -> [String])
        rethrows -> Page<Item>
    {
        let kept = Array(rows.prefix(page.limit))
        return Page(
            items: try kept.map(item), nextCursor: rows.count > page.limit ? kept.last.map { PageCursor(key($0)) } : nil
        )
    }
}

extension BillingStore {
    /// Documents matching `filter`, newest first (keyset on `createdAt DESC, id DESC`). The
    /// local-day range (issue date, or creation day of a draft) is checked on the rows read in
    /// batches along the index, so a page costs what it shows plus what the range skips.
    func documentPage(_ filter: Filter, page: PageRequest) async throws -> Page<BillingDocumentSummary> {
        let after = try BillingPagedLists.values(page, width: 2)
        let zone = timeZone
        let rows = try await database.read { db -> [BillingDocumentRecord] in
            var clauses: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let ticketID = filter.ticketID {
                clauses.append("ticketID = ?")
                arguments.append(ticketID)
            }
            if let status = filter.status {
                clauses.append("status = ?")
                arguments.append(status.rawValue)
            }
            if let code = filter.activityTypeCode {
                clauses.append("activityTypeCode = ?")
                arguments.append(code)
            }
            if let customer = filter.customer {
                clauses.append("customerName LIKE ?")
                arguments.append("%\(customer)%")
            }
            var position = after
            var found: [BillingDocumentRecord] = []
            while found.count < page.fetchLimit {
                var batchClauses = clauses
                var batchArguments = arguments
                if let position {
                    batchClauses.append("(createdAt, id) < (?, ?)")
                    batchArguments += [position[0], position[1]]
                }
                let whereClause = batchClauses.isEmpty ? "" : "WHERE " + batchClauses.joined(separator: " AND ")
                // Raw SQL stays: keyset pagination with row values on the index `(createdAt, id)`,
                // reading the stored date text back for the cursor.
                let batch = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT *, createdAt AS createdAtText FROM billingDocument \(whereClause)
                        ORDER BY createdAt DESC, id DESC LIMIT 500
                        """, arguments: StatementArguments(batchArguments))
                for row in batch {
                    let document = try BillingDocumentRecord(row: row)
                    let day = document.issueDate ?? LocalDay.string(document.createdAt, in: zone)
                    if (filter.from.map { day >= $0 } ?? true) && (filter.to.map { day <= $0 } ?? true) {
                        found.append(document)
                        if found.count == page.fetchLimit { break }
                    }
                }
                guard batch.count == 500, let last = batch.last else { break }
                position = [last["createdAtText"], last["id"]]
            }
            return found
        }
        return BillingPagedLists.page(rows, page, item: BillingDocumentSummary.init) {
            [Self.storedText($0.createdAt), $0.id]
        }
    }

    /// A date as SQLite holds it (GRDB's `yyyy-MM-dd HH:mm:ss.SSS`, UTC), for a cursor compared
    /// with the stored column.
    static func storedText(_ date: Date) -> String {
        String.fromDatabaseValue(date.databaseValue) ?? ""
    }
}

extension ArticleCatalogue {
    /// Articles by code (the primary key) after the cursor; `search` as in ``articles(search:includeInactive:)``.
    func articlePage(search: String?, includeInactive: Bool, page: PageRequest) async throws -> Page<ArticleRecord> {
        let after = try BillingPagedLists.values(page, width: 1)
        let rows = try await database.read { db in
            var request = ArticleRecord.order(ArticleRecord.Columns.code)
            if !includeInactive { request = request.filter(ArticleRecord.Columns.active == true) }
            if let query = ArticleInput.clean(search) {
                request = request.filter(ArticleRecord.matching(query))
            }
            if let after { request = request.filter(ArticleRecord.Columns.code > after[0]) }
            return try request.limit(page.fetchLimit).fetchAll(db)
        }
        return BillingPagedLists.page(rows, page, item: { $0 }) { [$0.code] }
    }
}

extension StockStore {
    /// Stock levels by warehouse then article, after the cursor (the index on both columns).
    func levelPage(page: PageRequest) async throws -> Page<Level> {
        let after = try BillingPagedLists.values(page, width: 2)
        let levels = try await database.read { db in
            // Raw SQL stays: an aggregate report paged by keyset with row values.
            try Row.fetchAll(
                db,
                sql: """
                    SELECT m.warehouseID, w.name, m.articleCode, SUM(m.quantity) AS quantity
                    FROM stockMovement m JOIN warehouse w ON w.id = m.warehouseID
                    \(after == nil ? "" : "WHERE (m.warehouseID, m.articleCode) > (?, ?)")
                    GROUP BY m.warehouseID, m.articleCode ORDER BY m.warehouseID, m.articleCode LIMIT ?
                    """,
                arguments: StatementArguments(((after ?? []) as [any DatabaseValueConvertible]) + [page.fetchLimit])
            ).map { row in
                let quantity: Double = row["quantity"]
                return Level(
                    warehouseID: row["warehouseID"], warehouseName: row["name"], articleCode: row["articleCode"],
                    quantity: quantity, negative: quantity < -1e-9)
            }
        }
        return BillingPagedLists.page(levels, page, item: { $0 }) { [$0.warehouseID, $0.articleCode] }
    }

    /// Warehouses by id after the cursor.
    func warehousePage(page: PageRequest) async throws -> Page<WarehouseRecord> {
        let after = try BillingPagedLists.values(page, width: 1)
        let rows = try await database.read { db in
            var request = WarehouseRecord.order(WarehouseRecord.Columns.id)
            if let after { request = request.filter(WarehouseRecord.Columns.id > after[0]) }
            return try request.limit(page.fetchLimit).fetchAll(db)
        }
        return BillingPagedLists.page(rows, page, item: { $0 }) { [$0.id] }
    }

    /// Production orders, newest first (keyset on `createdAt DESC, id DESC`).
    func productionOrderPage(page: PageRequest) async throws -> Page<ProductionOrderView> {
        let after = try BillingPagedLists.values(page, width: 2)
        let rows = try await database.read { db in
            // Raw SQL stays: keyset pagination with row values on the index `(createdAt, id)`.
            try ProductionOrderRecord.fetchAll(
                db,
                sql: """
                    SELECT * FROM productionOrder \(after == nil ? "" : "WHERE (createdAt, id) < (?, ?)")
                    ORDER BY createdAt DESC, id DESC LIMIT ?
                    """,
                arguments: StatementArguments(((after ?? []) as [any DatabaseValueConvertible]) + [page.fetchLimit]))
        }
        return BillingPagedLists.page(rows, page, item: ProductionOrderView.init) {
            [BillingStore.storedText($0.createdAt), $0.id]
        }
    }
}
