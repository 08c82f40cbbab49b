import Foundation
import GRDB

/// One leaf component of a production order's bill of materials (R5), as billing exploded it in
/// `production-order.created.v1`: what a report for the order's ticket proposes as materials.
struct ProductionOrderComponentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "productionOrderComponent"

    /// Billing's production order.
    var productionOrderID: String
    /// The ticket the order was made for.
    var ticketID: String
    /// 1-based, in the order billing listed the components.
    var position: Int
    /// The component's code in billing's catalogue.
    var articleCode: String
    /// The component's description as billing sent it.
    var description: String
    /// How many the order needs, in the article's unit.
    var quantity: Double
}
