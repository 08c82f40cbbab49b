import AriannaProtocol
import Foundation
import GRDB
import ServiceKit

/// Creates production orders from opened tickets and closes them with the ticket.
enum ProductionOrders {
    /// On `ticket.opened.v1`: the order of the ticket's activity type, exactly once per ticket
    /// (a redelivery finds it and does nothing), published as `production-order.created.v1`.
    static func create(
        for ticket: TicketOpened, id: String, at now: Date, timeZone: TimeZone, outbox: OutboxWriter,
        correlationID: String?, in db: Database
    ) throws -> ProductionOrderRecord? {
        guard let type = try ActivityTypeRecord.fetchOne(db, key: ticket.activityType.id),
            let json = type.productionOrder,
            let setting = try? JSONDecoder().decode(ActivityTypeSnapshot.ProductionOrder.self, from: Data(json.utf8))
        else { return nil }
        if try ProductionOrderRecord.filter(ProductionOrderRecord.Columns.ticketID == ticket.ticketID).fetchOne(db)
            != nil
        {
            return nil
        }
        let code = setting.articleCode.uppercased()
        let bom = try BOMStore.load(in: db)
        var descriptions: [String: String] = [:]
        let leaves = bom.explode(code, quantity: setting.quantity)
        for article in try ArticleRecord.filter(keys: leaves.map(\.code)).fetchAll(db) {
            descriptions[article.code] = article.description
        }
        let lines = leaves.map {
            MaterialLine(articleCode: $0.code, description: descriptions[$0.code] ?? $0.code, quantity: $0.quantity)
        }
        let prefix = setting.documentType.isEmpty ? "ODP" : setting.documentType.uppercased()
        let number = try NumberingSequence.next(prefix: prefix, at: now, timeZone: timeZone, in: db)
        let order = ProductionOrderRecord(
            id: id, number: number.description, ticketID: ticket.ticketID, documentType: setting.documentType,
            articleCode: code, quantity: setting.quantity,
            components: String(decoding: try JSONEncoder().encode(lines), as: UTF8.self), status: "open",
            neededBy: ticket.openedAt, createdAt: now)
        try order.insert(db)
        try MRPTrigger.markStale(at: now, in: db)
        try outbox.append(
            ProductionOrderCreated(
                productionOrderID: order.id, number: order.number, ticketID: order.ticketID,
                documentType: order.documentType, articleCode: order.articleCode, quantity: order.quantity,
                components: lines),
            correlationID: correlationID, in: db)
        return order
    }

    /// The ticket closed: its order no longer needs materials planned.
    static func complete(ticketID: String, in db: Database) throws {
        let completed =
            try ProductionOrderRecord
            .filter(
                ProductionOrderRecord.Columns.ticketID == ticketID && ProductionOrderRecord.Columns.status == "open"
            )
            .updateAll(db, ProductionOrderRecord.Columns.status.set(to: "done"))
        if completed > 0 { try MRPTrigger.markStale(at: Date(), in: db) }
    }
}
