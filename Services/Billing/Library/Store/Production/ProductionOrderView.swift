import AriannaProtocol
import Foundation

/// A production order as `GET /api/production-orders` lists it, components as a list.
struct ProductionOrderView: Codable, Sendable, Equatable {
    /// The order's own id.
    var id: String
    /// Its number, e.g. `ODP/2026/000001`.
    var number: String
    /// The ticket it was made for.
    var ticketID: String
    /// The activity type's document type.
    var documentType: String
    /// The article to produce.
    var articleCode: String
    /// How many units of it.
    var quantity: Double
    /// The leaf components one order needs in all.
    var components: [MaterialLine]
    /// `open` or `done`.
    var status: String
    /// When the components are needed.
    var neededBy: Date
    /// When billing created the order.
    var createdAt: Date

    /// The view of a stored order.
    init(_ order: ProductionOrderRecord) {
        id = order.id
        number = order.number
        ticketID = order.ticketID
        documentType = order.documentType
        articleCode = order.articleCode
        quantity = order.quantity
        components = order.materialLines
        status = order.status
        neededBy = order.neededBy
        createdAt = order.createdAt
    }
}
