import GRDB

/// A warehouse stock is kept in: the central one, and a van per technician (from
/// `setup.operator.v1`), so the materials a report issues leave the van that carried them.
struct WarehouseRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "warehouse"
    /// The id of the central warehouse every store starts with (migration `billing.v4-production`).
    static let centralID = "WH-CENTRAL"

    /// `WH-CENTRAL`, or `VAN-<operator id>` for a technician's van.
    var id: String
    /// What the warehouse keeper reads on the stock page.
    var name: String
    /// The technician whose van this is; nil for the central warehouse.
    var operatorID: String?
    /// False once the technician is deactivated: the van's stock stays visible.
    var active: Bool

    /// The columns the store's queries name.
    enum Columns {
        /// The `id` column: `WH-CENTRAL` or a van's `VAN-<operator id>`, the stock page's order and a movement's target.
        static let id = Column(CodingKeys.id)
    }

    /// The id of the van of technician `operatorID`.
    static func vanID(of operatorID: String) -> String { "VAN-\(operatorID)" }
}
