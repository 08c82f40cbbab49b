import AriannaProtocol
import Foundation
import GRDB

/// A production order (R5 advanced palette, R18): created once per ticket of an activity type
/// with a production order setting, carrying its BOM exploded to leaf components.
struct ProductionOrderRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "productionOrder"

    /// The order's own id.
    var id: String
    /// `<document type>/<year>/<counter>`, from the type's gapless yearly sequence.
    var number: String
    /// The ticket the order was made for (one order per ticket).
    var ticketID: String
    /// The document type the activity type names (`ODP` when it names none).
    var documentType: String
    /// The article to produce.
    var articleCode: String
    /// How many units of it.
    var quantity: Double
    /// JSON of the exploded `[MaterialLine]`.
    var components: String
    /// `open` until the ticket is closed (`done`); only open orders feed MRP.
    var status: String
    /// When the components are needed: when the ticket was opened (its deadline once intake sends one).
    var neededBy: Date
    /// When billing created the order.
    var createdAt: Date

    /// The columns the store's queries name.
    enum Columns {
        /// The `ticketID` column: the ticket the order was made for, which finds the order when the ticket closes.
        static let ticketID = Column(CodingKeys.ticketID)
        /// The `status` column: `open` or `done`; MRP reads only the open orders.
        static let status = Column(CodingKeys.status)
    }

    /// The exploded components as lines; empty if the stored JSON cannot be read.
    var materialLines: [MaterialLine] {
        (try? JSONDecoder().decode([MaterialLine].self, from: Data(components.utf8))) ?? []
    }
}
